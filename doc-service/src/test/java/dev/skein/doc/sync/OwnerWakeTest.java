package dev.skein.doc.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Partitions;
import dev.skein.contract.SyncRequest;
import dev.skein.contract.Topics;
import dev.skein.doc.KafkaSupport;
import dev.skein.doc.TestUpdates;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update log fetches in batches (the broker holds a fetch until 16 KiB arrived or
 * {@code skein.doc.fetch-max-wait} ran out), and a sync request wakes the held fetch: here the wait
 * is 5 s, and each request, after an update of its own, is answered long before that.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(OwnerWakeTest.LongFetchWait.class)
class OwnerWakeTest {

    /** doc-service whose held fetches last 5 s. */
    public static class LongFetchWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skein.doc.fetch-max-wait", "5s", "skein.doc.group-id", "skein-doc-wake-test");
        }
    }

    private static final Duration FETCH_WAIT = Duration.ofSeconds(5);

    @Inject
    UpdateLog log;

    private KafkaSupport gateway;

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(90)).until(log::isReady);
        gateway = new KafkaSupport("gw-" + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void eachSyncRequestIsAnsweredWithTheUpdateBeforeItWellWithinTheFetchWait() throws Exception {
        String doc = "wake-" + UUID.randomUUID();
        int partition = Partitions.forDocument(doc, gateway.updatePartitions());
        List<byte[]> updates = new ArrayList<>();
        // a held fetch that ran out would answer within 5 s, uniformly: five answers under 1.5 s
        // each would happen by chance once in 400 runs
        for (int i = 0; i < 5; i++) {
            byte[] update = TestUpdates.text(1, i, "x");
            updates.add(update);
            gateway.producer().send(DocumentRecords.update(Topics.UPDATES_DEFAULT, partition, doc, update, "test")).get();
            String correlationId = UUID.randomUUID().toString();
            long sent = System.nanoTime();
            gateway.producer().send(new SyncRequest(doc, correlationId, gateway.instanceId(), new byte[] {0})
                .toRecord(Topics.UPDATES_DEFAULT, partition)).get();
            byte[] answer = gateway.awaitReply(correlationId).update();
            Duration took = Duration.ofNanos(System.nanoTime() - sent);

            assertTrue(took.compareTo(FETCH_WAIT.multipliedBy(3).dividedBy(10)) < 0,
                "request " + i + " answered after " + took.toMillis() + " ms, the fetch wait is " + FETCH_WAIT);
            assertArrayEquals(Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(updates)),
                Updates.encodeStateVectorFromUpdate(answer), "request " + i + " answered with every update before it");
        }
    }
}
