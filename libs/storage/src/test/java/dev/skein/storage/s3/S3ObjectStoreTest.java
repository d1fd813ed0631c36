package dev.skein.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.s3.S3Server;
import dev.skein.testkit.s3.SharedS3Server;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writes and reads against a real S3 API server (S3Proxy). */
class S3ObjectStoreTest {

    private static final String BUCKET = "store-test";
    private static S3Server s3;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        s3 = SharedS3Server.get();
        store = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET,
            StorageSettings.REGION_DEFAULT));
        store.ensureBucket();
    }

    @Test
    void whatIsPutIsReadBackByteForByteAndTypedAsBinary() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        store.put("objects/a", content);
        assertArrayEquals(content, store.get("objects/a").orElseThrow());
        MinioClient client = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
        var stat = client.statObject(StatObjectArgs.builder().bucket(BUCKET).object("objects/a").build());
        assertEquals(content.length, stat.size());
        assertEquals("application/octet-stream", stat.contentType());
    }

    @Test
    void anEmptyObjectAndAnOverwriteAreKept() {
        store.put("objects/empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get("objects/empty").orElseThrow());
        store.put("objects/b", new byte[] {1, 2, 3});
        store.put("objects/b", new byte[] {4});
        assertArrayEquals(new byte[] {4}, store.get("objects/b").orElseThrow());
        assertTrue(store.get("objects/missing").isEmpty());
    }

    @Test
    void aPutToAStoreNobodyServesFailsWithAStorageException() {
        S3ObjectStore nowhere = new S3ObjectStore(new StorageSettings("http://127.0.0.1:1", "skein", "skein-secret",
            BUCKET, StorageSettings.REGION_DEFAULT));
        StorageException failure = assertThrows(StorageException.class, () -> nowhere.put("objects/c", new byte[] {1}));
        assertTrue(failure.getMessage().contains("put objects/c"), failure.getMessage());
    }
}
