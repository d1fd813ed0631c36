package dev.skein.storage.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Writes objects from byte arrays with the client's one HTTP client. The SDK's public
 * {@code putObject} takes a stream, and for a PUT whose body is not a byte array it builds a new
 * OkHttp client per request (to turn off retries of a body it cannot resend), which compares the
 * JDK's trust roots certificate by certificate: 8 % of persistence-service's CPU in a throughput
 * profile. A byte array can be resent, so the SDK's own byte-array path (a protected method, there
 * for subclasses) uses the shared client.
 */
final class ByteArrayPutClient extends MinioAsyncClient {

    ByteArrayPutClient(MinioAsyncClient client) {
        super(client);
    }

    /** Starts writing {@code content} as {@code key} in {@code bucket}. */
    CompletableFuture<ObjectWriteResponse> put(String bucket, String region, String key, byte[] content,
            String contentType) throws Exception {
        Multimap<String, String> headers = HashMultimap.create();
        headers.put("Content-Type", contentType);
        return putObjectAsync(bucket, region, key, content, content.length, headers, null);
    }
}
