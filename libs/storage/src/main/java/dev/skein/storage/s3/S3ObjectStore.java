package dev.skein.storage.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * {@link ObjectStore} over any S3 API (MinIO, S3Proxy, AWS S3) through the MinIO Java SDK.
 *
 * <p>Timeouts are short (seconds, not the SDK's minutes) so that a storage outage shows up as a
 * failed flush that is retried, not as a consumer stuck past Kafka's poll interval.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final MinioClient client;
    private final ByteArrayPutClient puts;
    private final String bucket;
    private final String region;

    /** A store for the configured endpoint and bucket. */
    public S3ObjectStore(StorageSettings settings) {
        this.client = MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .region(settings.region())
            .build();
        client.setTimeout(CONNECT_TIMEOUT.toMillis(), IO_TIMEOUT.toMillis(), IO_TIMEOUT.toMillis());
        this.puts = new ByteArrayPutClient(MinioAsyncClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .region(settings.region())
            .build());
        puts.setTimeout(CONNECT_TIMEOUT.toMillis(), IO_TIMEOUT.toMillis(), IO_TIMEOUT.toMillis());
        this.bucket = settings.bucket();
        this.region = settings.region();
    }

    /** The bucket this store uses. */
    public String bucket() {
        return bucket;
    }

    @Override
    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            // another instance created it between the check and the creation
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new StorageException("cannot create bucket " + bucket + ": " + code, e);
            }
        } catch (Exception e) {
            throw failure("create bucket " + bucket, e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            puts.put(bucket, region, key, content, CONTENT_TYPE).get();
        } catch (ExecutionException e) {
            throw failure("put " + key, e.getCause() instanceof Exception cause ? cause : e);
        } catch (Exception e) {
            throw failure("put " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(response.readAllBytes());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("get " + key, e);
        } catch (Exception e) {
            throw failure("get " + key, e);
        }
    }

    @Override
    public List<ListedObject> list(String prefix) {
        List<ListedObject> objects = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new ListedObject(item.objectName(), item.size()));
                }
            }
        } catch (ErrorResponseException e) {
            // a reader may come before the first writer created the bucket: nothing is stored yet
            if ("NoSuchBucket".equals(e.errorResponse().code())) {
                return List.of();
            }
            throw failure("list " + prefix, e);
        } catch (Exception e) {
            throw failure("list " + prefix, e);
        }
        return objects;
    }

    @Override
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("delete " + key, e);
        }
    }

    private StorageException failure(String operation, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StorageException("object storage failed to " + operation + " in bucket " + bucket + ": " + e, e);
    }
}
