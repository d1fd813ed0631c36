package dev.skein.gateway.awareness;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.AwarenessRecords;
import dev.skein.contract.RecordKind;
import dev.skein.gateway.WsClient;
import dev.skein.messaging.InstanceId;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats, tagged records, coalescing, the state size limit and the join snapshot. */
@QuarkusTest
@TestProfile(AwarenessProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class AwarenessPresenceTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    InstanceId instanceId;

    @Inject
    LiveDelivery delivery;

    @BeforeEach
    void awaitDelivery() {
        await().atMost(Duration.ofSeconds(60)).until(delivery::isReady);
    }

    @Test
    void sendsHeartbeatsAndTagsAwarenessWithGatewayAndPrincipal() {
        String doc = "tags-" + UUID.randomUUID();
        try (AwarenessTopicReader topic = new AwarenessTopicReader(); WsClient client = WsClient.connect(base, doc)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !topic.matching(r -> instanceId.value().equals(r.key())
                && RecordKind.of(r.headers()).orElse(null) == RecordKind.GATEWAY_HEARTBEAT).isEmpty());

            client.send(new AwarenessMessage(state(5, 1, "{}")));
            await().atMost(Duration.ofSeconds(10)).until(() -> !awarenessOf(topic, doc).isEmpty());
            ConsumerRecord<String, byte[]> record = awarenessOf(topic, doc).get(0);
            assertEquals(instanceId.value(), AwarenessRecords.gateway(record).orElseThrow());
            assertEquals(AwarenessRecords.ANONYMOUS, AwarenessRecords.principal(record));
        }
    }

    @Test
    void coalescesARapidStreamOfCursorMovesAndTheLastStateGetsThrough() {
        String doc = "moves-" + UUID.randomUUID();
        int moves = 60;
        try (AwarenessTopicReader topic = new AwarenessTopicReader();
                WsClient mover = WsClient.connect(base, doc); WsClient watcher = WsClient.connect(base, doc)) {
            for (int clock = 1; clock <= moves; clock++) {
                mover.send(new AwarenessMessage(state(7, clock, "{\"cursor\":" + clock + "}")));
            }
            AwarenessMessage last = new AwarenessMessage(state(7, moves, "{\"cursor\":" + moves + "}"));
            watcher.awaitMessage(last::equals);
            List<ConsumerRecord<String, byte[]>> records = awarenessOf(topic, doc);
            assertTrue(records.size() < moves / 2, "coalesced into " + records.size() + " records");
            List<AwarenessUpdate.Entry> finalEntries = AwarenessUpdate.decode(records.get(records.size() - 1).value());
            assertEquals(List.of(new AwarenessUpdate.Entry(7, moves, "{\"cursor\":" + moves + "}")), finalEntries);
        }
    }

    @Test
    void dropsAnOversizeStateButKeepsTheConnection() {
        String doc = "oversize-" + UUID.randomUUID();
        try (AwarenessTopicReader topic = new AwarenessTopicReader(); WsClient client = WsClient.connect(base, doc)) {
            client.send(new AwarenessMessage(state(8, 1, "{\"name\":\"" + "x".repeat(2_000) + "\"}")));
            client.send(new AwarenessMessage(state(9, 1, "{}")));
            await().atMost(Duration.ofSeconds(10)).until(() -> !awarenessOf(topic, doc).isEmpty());
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> awarenessOf(topic, doc).size() == 1);
            assertEquals(9, AwarenessUpdate.decode(awarenessOf(topic, doc).get(0).value()).get(0).clientId());
            assertFalse(client.isClosed());
        }
    }

    @Test
    void aJoiningClientGetsTheDocumentsAwarenessFromPresenceService() {
        try (WsClient joining = WsClient.connect(base, "known-" + UUID.randomUUID())) {
            joining.awaitMessage(new AwarenessMessage(PresenceStub.KNOWN)::equals);
        }
    }

    @Test
    void whenPresenceServiceDoesNotAnswerTheJoiningClientGetsWhatThisGatewaySaw() {
        String doc = "silent-" + UUID.randomUUID();
        byte[] present = state(10, 4, "{\"user\":{\"name\":\"Here\"}}");
        try (WsClient first = WsClient.connect(base, doc)) {
            first.send(new AwarenessMessage(present));
            first.awaitMessage(new AwarenessMessage(present)::equals);
            try (WsClient joining = WsClient.connect(base, doc)) {
                joining.awaitMessage(new AwarenessMessage(present)::equals);
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> awarenessOf(AwarenessTopicReader topic, String doc) {
        return topic.matching(r -> doc.equals(r.key()) && RecordKind.of(r.headers()).orElse(null) == RecordKind.AWARENESS);
    }

    private static byte[] state(long clientId, long clock, String json) {
        return AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(clientId, clock, json)));
    }
}
