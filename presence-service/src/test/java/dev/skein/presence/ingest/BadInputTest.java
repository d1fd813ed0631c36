package dev.skein.presence.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.presence.AwarenessTopic;
import dev.skein.presence.FastPresenceProfile;
import dev.skein.presence.PresenceApi;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.redis.RedisTestResource;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversize states and records that are not awareness updates are dropped, counted, and poison nothing. */
@QuarkusTest
@TestProfile(FastPresenceProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
class BadInputTest {

    private static AwarenessTopic topic;

    @Inject
    PresenceMetrics metrics;

    @BeforeEach
    void connect() {
        if (topic == null) {
            topic = new AwarenessTopic();
            PresenceApi.awaitConsuming(topic);
        }
    }

    @AfterAll
    static void disconnect() {
        topic.close();
        topic = null;
    }

    @Test
    void oversizeStatesAreDroppedAndCountedWhileTheirNeighboursAreKept() {
        String doc = "big-" + UUID.randomUUID();
        double before = metrics.count("skein.presence.dropped", "reason", "oversize");
        // the profile's limit is 1 KiB
        String big = "{\"user\":{\"name\":\"" + "x".repeat(2_000) + "\"}}";
        topic.raw("gw-big", doc, AwarenessUpdate.encode(List.of(
            new AwarenessUpdate.Entry(61, 1, big), new AwarenessUpdate.Entry(62, 1, "{}"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).equals(List.of(62L)));
        assertEquals(before + 1, metrics.count("skein.presence.dropped", "reason", "oversize"));
    }

    @Test
    void malformedRecordsAreDroppedAndCountedAndLaterOnesStillStored() {
        String doc = "bad-" + UUID.randomUUID();
        double before = metrics.count("skein.presence.dropped", "reason", "malformed");
        topic.raw("gw-bad", doc, new byte[] {5, 1, 2});
        // a state that is not JSON
        topic.raw("gw-bad", doc, AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(71, 1, "{not json"))));
        topic.state("gw-bad", doc, 72, 1, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).equals(List.of(72L)));
        assertEquals(before + 2, metrics.count("skein.presence.dropped", "reason", "malformed"));
    }
}
