package dev.skein.contract;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builders for the document-keyed records: {@code update} records on the update topic and
 * {@code awareness} records on the awareness topic.
 *
 * <p>Record layout: key = document id, value = the Yjs update (v1) or the y-protocols awareness
 * update, headers {@link RecordHeaders#KIND}, {@link RecordHeaders#ORIGIN} and (updates of known
 * callers) {@link RecordHeaders#PRINCIPAL}. Producers put the
 * record into partition {@link Partitions#forDocument} and validate the value before producing.
 */
public final class DocumentRecords {

    private DocumentRecords() {
    }

    /** An {@code update} record. */
    public static ProducerRecord<String, byte[]> update(
            String topic, int partition, String docId, byte[] update, String origin) {
        return build(RecordKind.UPDATE, topic, partition, docId, update, origin);
    }

    /**
     * An {@code update} record written on behalf of {@code principal} (header
     * {@link RecordHeaders#PRINCIPAL}): who made the change, for version history.
     */
    public static ProducerRecord<String, byte[]> update(
            String topic, int partition, String docId, byte[] update, String origin, String principal) {
        ProducerRecord<String, byte[]> record = update(topic, partition, docId, update, origin);
        RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, principal);
        return record;
    }

    /** The {@link RecordHeaders#PRINCIPAL} of a consumed record, if any. */
    public static Optional<String> principal(ConsumerRecord<String, byte[]> record) {
        return RecordHeaders.get(record.headers(), RecordHeaders.PRINCIPAL);
    }

    /** An {@code awareness} record. */
    public static ProducerRecord<String, byte[]> awareness(
            String topic, int partition, String docId, byte[] awarenessUpdate, String origin) {
        return build(RecordKind.AWARENESS, topic, partition, docId, awarenessUpdate, origin);
    }

    /** The {@link RecordHeaders#ORIGIN} of a consumed record, if any. */
    public static Optional<String> origin(ConsumerRecord<String, byte[]> record) {
        return RecordHeaders.get(record.headers(), RecordHeaders.ORIGIN);
    }

    /** The origin value for a WebSocket connection of an instance. */
    public static String connectionOrigin(String instanceId, String connectionId) {
        return instanceId + "/" + connectionId;
    }

    private static ProducerRecord<String, byte[]> build(
            RecordKind kind, String topic, int partition, String docId, byte[] value, String origin) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, docId, value);
        kind.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.ORIGIN, origin);
        return record;
    }
}
