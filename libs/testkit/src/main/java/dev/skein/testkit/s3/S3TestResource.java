package dev.skein.testkit.s3;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that points the application's storage at the JVM's shared S3 server.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(KafkaTestResource.class)
 * @QuarkusTestResource(S3TestResource.class)
 * class PersistenceTest {
 *     @Test
 *     void survivesStorageOutage() {
 *         S3TestResource.server().kill();
 *         ...
 *         S3TestResource.server().restart();
 *     }
 * }
 * }</pre>
 *
 * <p>The server is shared by every test class of the JVM and ends with it; {@link #stop()} leaves
 * it running. Tests use their own document ids (or buckets) to stay apart.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    /** Configuration key of the endpoint (the storage library's {@code StorageSettings.ENDPOINT_KEY}). */
    public static final String ENDPOINT_KEY = "skein.storage.endpoint";
    /** Configuration key of the access key (the storage library's {@code StorageSettings.ACCESS_KEY_KEY}). */
    public static final String ACCESS_KEY_KEY = "skein.storage.access-key";
    /** Configuration key of the secret key (the storage library's {@code StorageSettings.SECRET_KEY_KEY}). */
    public static final String SECRET_KEY_KEY = "skein.storage.secret-key";

    /** The JVM's shared server, for tests that stop, kill or restart it. */
    public static S3Server server() {
        return SharedS3Server.get();
    }

    @Override
    public Map<String, String> start() {
        S3Server server = server();
        return Map.of(ENDPOINT_KEY, server.endpoint(), ACCESS_KEY_KEY, server.accessKey(),
            SECRET_KEY_KEY, server.secretKey());
    }

    @Override
    public void stop() {
        // The server is shared by every test class of the JVM; it ends with the JVM.
    }
}
