package dev.skein.presence.sweep;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.presence.AwarenessTopic;
import dev.skein.presence.FastPresenceProfile;
import dev.skein.presence.PresenceApi;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.redis.RedisTestResource;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** States go when they expire, when their client disconnects, and when their gateway dies. */
@QuarkusTest
@TestProfile(FastPresenceProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
class CleanupTest {

    private static AwarenessTopic topic;

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
    void aStateNotRenewedExpiresAfterTheTtlAndItsRemovalIsBroadcast() {
        String doc = "expire-" + UUID.randomUUID();
        ScheduledFuture<?> alive = topic.keepAlive("gw-expiry");
        try {
            topic.state("gw-expiry", doc, 31, 1, "{}");
            topic.state("gw-expiry", doc, 32, 1, "{}");
            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).size() == 2);
            long renewedAt = System.currentTimeMillis();
            // client 32 keeps renewing, client 31 falls silent
            long[] clock = {1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                topic.state("gw-expiry", doc, 32, ++clock[0], "{}");
                return PresenceApi.clientIdsOf(doc).equals(List.of(32L));
            });
            assertTrue(System.currentTimeMillis() - renewedAt >= FastPresenceProfile.TTL_MILLIS - 1_000,
                "not removed before its lifetime is over");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> topic.removalsOf(doc).equals(List.of(AwarenessUpdate.Entry.removal(31, 1))));
        } finally {
            alive.cancel(false);
        }
    }

    @Test
    void aDisconnectRemovesTheStateAtOnceWithoutAnotherBroadcast() {
        String doc = "leave-" + UUID.randomUUID();
        ScheduledFuture<?> alive = topic.keepAlive("gw-leave");
        try {
            topic.state("gw-leave", doc, 41, 6, "{\"user\":{\"name\":\"Bo\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).equals(List.of(41L)));
            long removedAt = System.currentTimeMillis();
            // what a gateway produces when the connection closes: null at the last clock
            topic.raw("gw-leave", doc, AwarenessUpdate.encode(List.of(AwarenessUpdate.Entry.removal(41, 6))));
            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).isEmpty());
            assertTrue(System.currentTimeMillis() - removedAt < FastPresenceProfile.TTL_MILLIS, "removed before expiry");
            assertEquals(List.of(), topic.removalsOf(doc), "the gateway already broadcast it");
        } finally {
            alive.cancel(false);
        }
    }

    @Test
    void theClientsOfAGatewayThatStopsBeatingAreRemovedAndAnnouncedBeforeTheyWouldExpire() {
        String docA = "dead-a-" + UUID.randomUUID();
        String docB = "dead-b-" + UUID.randomUUID();
        ScheduledFuture<?> survivor = topic.keepAlive("gw-survivor");
        ScheduledFuture<?> doomed = topic.keepAlive("gw-doomed");
        try {
            topic.state("gw-doomed", docA, 51, 2, "{}");
            topic.state("gw-doomed", docB, 52, 9, "{}");
            topic.state("gw-survivor", docA, 53, 1, "{}");
            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(docA).size() == 2
                && PresenceApi.clientIdsOf(docB).size() == 1);
            doomed.cancel(false);
            long diedAt = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(docA).equals(List.of(53L))
                && PresenceApi.clientIdsOf(docB).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> topic.removalsOf(docA).equals(
                List.of(AwarenessUpdate.Entry.removal(51, 2))) && topic.removalsOf(docB).equals(
                List.of(AwarenessUpdate.Entry.removal(52, 9))));
            long took = System.currentTimeMillis() - diedAt;
            assertTrue(took < FastPresenceProfile.TTL_MILLIS, "announced within the state lifetime: " + took + " ms");
        } finally {
            survivor.cancel(false);
            doomed.cancel(false);
        }
    }
}
