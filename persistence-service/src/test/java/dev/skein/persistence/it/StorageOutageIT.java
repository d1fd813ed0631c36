package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.Topics;
import dev.skein.persistence.Cluster;
import dev.skein.persistence.TestUpdates;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The S3 server is down for a while: updates wait in Kafka, readiness and metrics show storage
 * unreachable and the lag growing, and when the server returns everything is written and committed,
 * nothing lost.
 */
class StorageOutageIT extends OwnServers {

    private static final String BUCKET = "storage-outage";
    private static final String GROUP = "persistence-outage-it";
    private static final String DOC = "outage-doc";

    @Test
    void updatesWaitInKafkaWhileStorageIsDownAndAllArriveAfterwards() throws Exception {
        Map<String, String> settings = connection(BUCKET);
        settings.putAll(Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.flush.max-age", "200ms",
            "skein.persistence.commit-interval", "200ms",
            "skein.persistence.lag-interval", "300ms",
            "skein.persistence.retry-backoff", "500ms"));
        try (PackagedService persistence = new PackagedService("persistence", "persistence-service", logs, settings).start();
             Cluster cluster = new Cluster(kafka.bootstrapServers(), s3, BUCKET, GROUP)) {
            int partition = cluster.partitionOf(DOC);
            for (int i = 0; i < 5; i++) {
                cluster.produce(DOC, TestUpdates.text(41, i, "a"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> persistence.metric("skein_persistence_lag_records") == 0
                && cluster.committed(partition) >= endOffset(cluster, partition));

            s3.kill();
            for (int i = 5; i < 45; i++) {
                cluster.produce(DOC, TestUpdates.text(41, i, "b"));
            }
            // the outage is visible: not ready, storage unreachable, 40 records waiting and not moving
            await().atMost(Duration.ofSeconds(30)).until(() -> persistence.metric("skein_persistence_lag_records") >= 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> persistence.status("/q/health/ready") == 503);
            String health = persistence.text("/q/health/ready");
            assertTrue(health.contains("\"storage-reachable\": false") || health.contains("\"storage-reachable\":false"), health);
            assertTrue(health.contains("lag-records"), health);
            await().atMost(Duration.ofSeconds(30)).until(() -> persistence.metric("skein_persistence_lag_stalled_seconds") >= 2);
            assertTrue(persistence.metric("skein_persistence_errors_total{kind=\"consumer\"}") >= 1, "failures counted");
            // the outage lasts a while: the service stays up and nothing is committed past what is stored
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> persistence.isRunning()
                && persistence.metric("skein_persistence_lag_records") >= 40);

            s3.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> persistence.metric("skein_persistence_lag_records") == 0
                && cluster.committed(partition) >= endOffset(cluster, partition));
            assertEquals(200, persistence.status("/q/health/ready"));
            assertEquals(0.0, persistence.metric("skein_persistence_lag_stalled_seconds"));
            assertEquals(Map.of(41L, "a".repeat(5) + "b".repeat(40)),
                DocumentText.byClient(cluster.reader().load(DOC).orElseThrow().state()), "nothing lost, nothing twice");
        }
    }

    private static long endOffset(Cluster cluster, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(Topics.UPDATES_DEFAULT, partition);
        return cluster.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(tp).offset();
    }
}
