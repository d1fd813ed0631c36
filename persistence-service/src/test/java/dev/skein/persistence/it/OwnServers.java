package dev.skein.persistence.it;

import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.s3.S3Server;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the integration tests that kill servers: a Kafka broker and an S3 server of the test
 * class's own (never the shared ones other tests use), and a folder for the services' logs.
 */
abstract class OwnServers {

    @TempDir
    static Path logs;

    static KafkaBroker kafka;
    static S3Server s3;

    @BeforeAll
    static void servers() {
        kafka = KafkaBroker.start();
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        kafka.close();
    }

    /** The Kafka and storage settings of a service writing to or reading from {@code bucket}. */
    static Map<String, String> connection(String bucket) {
        return new TreeMap<>(Map.of(
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            StorageSettings.ENDPOINT_KEY, s3.endpoint(),
            StorageSettings.ACCESS_KEY_KEY, s3.accessKey(),
            StorageSettings.SECRET_KEY_KEY, s3.secretKey(),
            StorageSettings.BUCKET_KEY, bucket));
    }
}
