package dev.skein.contract;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the awareness topic: client awareness updates tagged with where they came from, and
 * gateway heartbeats.
 *
 * <p>An {@link RecordKind#AWARENESS} record (key: document id) carries, besides the headers of
 * {@link DocumentRecords#awareness}, {@link RecordHeaders#GATEWAY} (the producing gateway's
 * instance id) and {@link RecordHeaders#PRINCIPAL} (who the connection is). presence-service keeps
 * each client's state under both, so that it can clean up after a gateway that died and say where
 * a user is.
 *
 * <p>A {@link RecordKind#GATEWAY_HEARTBEAT} record (key: the gateway's instance id, empty value) is
 * sent by every gateway every {@link #HEARTBEAT_INTERVAL_KEY} (default
 * {@value #HEARTBEAT_INTERVAL_DEFAULT}); presence-service declares a gateway dead when it has not
 * heard from it for its own timeout, removes the awareness states of that gateway's clients and
 * broadcasts the removals. Heartbeats travel on the awareness topic so that no extra topic is
 * needed; consumers that only relay awareness skip them by kind. Keyed by instance id, one
 * gateway's heartbeats stay in order in one partition.
 */
public final class AwarenessRecords {

    /** The principal of connections that are not authenticated. */
    public static final String ANONYMOUS = "anonymous";
    /** Configuration key (gateway) of the heartbeat interval. */
    public static final String HEARTBEAT_INTERVAL_KEY = "skein.gateway.awareness.heartbeat-interval";
    /** Default heartbeat interval. */
    public static final String HEARTBEAT_INTERVAL_DEFAULT = "5s";

    private AwarenessRecords() {
    }

    /** An awareness record of a client of {@code gateway} authenticated as {@code principal}. */
    public static ProducerRecord<String, byte[]> awareness(String topic, int partition, String docId,
            byte[] awarenessUpdate, String origin, String gateway, String principal) {
        ProducerRecord<String, byte[]> record =
            DocumentRecords.awareness(topic, partition, docId, awarenessUpdate, origin);
        RecordHeaders.put(record.headers(), RecordHeaders.GATEWAY, gateway);
        RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, principal);
        return record;
    }

    /** A heartbeat of a gateway instance; its partition follows from the key. */
    public static ProducerRecord<String, byte[]> heartbeat(String topic, String gateway) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, gateway, new byte[0]);
        RecordKind.GATEWAY_HEARTBEAT.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.GATEWAY, gateway);
        return record;
    }

    /** The {@link RecordHeaders#GATEWAY} of a consumed record, if any. */
    public static Optional<String> gateway(ConsumerRecord<String, byte[]> record) {
        return RecordHeaders.get(record.headers(), RecordHeaders.GATEWAY);
    }

    /** The {@link RecordHeaders#PRINCIPAL} of a consumed record, {@link #ANONYMOUS} when absent. */
    public static String principal(ConsumerRecord<String, byte[]> record) {
        return RecordHeaders.get(record.headers(), RecordHeaders.PRINCIPAL).orElse(ANONYMOUS);
    }
}
