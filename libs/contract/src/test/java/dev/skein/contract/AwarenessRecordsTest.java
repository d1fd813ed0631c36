package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AwarenessRecordsTest {

    @Test
    void pinsTheWireNames() {
        assertEquals("skein-gateway", RecordHeaders.GATEWAY);
        assertEquals("skein-principal", RecordHeaders.PRINCIPAL);
        assertEquals("gateway-heartbeat", RecordKind.GATEWAY_HEARTBEAT.wireName());
        assertEquals("anonymous", AwarenessRecords.ANONYMOUS);
        assertEquals("skein.gateway.awareness.heartbeat-interval", AwarenessRecords.HEARTBEAT_INTERVAL_KEY);
    }

    @Test
    void awarenessRecordCarriesGatewayAndPrincipal() {
        ProducerRecord<String, byte[]> record =
            AwarenessRecords.awareness("t", 3, "doc", new byte[] {0}, "gw-1/c1", "gw-1", "alice");
        ConsumerRecord<String, byte[]> consumed = consumed(record);
        assertEquals(Optional.of(RecordKind.AWARENESS), RecordKind.of(consumed.headers()));
        assertEquals(Optional.of("gw-1"), AwarenessRecords.gateway(consumed));
        assertEquals("alice", AwarenessRecords.principal(consumed));
        assertEquals(Optional.of("gw-1/c1"), DocumentRecords.origin(consumed));
    }

    @Test
    void heartbeatIsKeyedByGatewayWithEmptyValue() {
        ProducerRecord<String, byte[]> record = AwarenessRecords.heartbeat("t", "gw-2");
        assertEquals("gw-2", record.key());
        assertArrayEquals(new byte[0], record.value());
        ConsumerRecord<String, byte[]> consumed = consumed(record);
        assertEquals(Optional.of(RecordKind.GATEWAY_HEARTBEAT), RecordKind.of(consumed.headers()));
        assertEquals(Optional.of("gw-2"), AwarenessRecords.gateway(consumed));
        assertEquals("anonymous", AwarenessRecords.principal(consumed));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, 0L, record.key(), record.value());
        record.headers().forEach(h -> consumed.headers().add(h));
        return consumed;
    }
}
