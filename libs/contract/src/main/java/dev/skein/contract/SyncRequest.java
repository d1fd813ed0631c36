package dev.skein.contract;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An in-band request for the state of a document, produced into the document's partition of the
 * update topic so that the owner answers it only after applying every update that precedes it.
 *
 * <p>Record layout: key = document id, value = the requester's Yjs state vector (v1), headers
 * {@link RecordHeaders#KIND} = {@code sync-request}, {@link RecordHeaders#CORRELATION_ID},
 * {@link RecordHeaders#REPLY_TO} = the requester's instance id.
 *
 * @param docId document id
 * @param correlationId unique id of this request, repeated on every part of the reply
 * @param replyTo instance id of the requester (the key of its replies)
 * @param stateVector the requester's state vector; an empty vector ({@code {0}}) asks for the whole document
 */
public record SyncRequest(String docId, String correlationId, String replyTo, byte[] stateVector) {

    /** The record to produce into {@code partition} (see {@link Partitions#forDocument}) of the update topic. */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, docId, stateVector);
        RecordKind.SYNC_REQUEST.writeTo(record.headers());
        OwnerWake.addTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, replyTo);
        return record;
    }

    /**
     * Reads a sync request from a consumed record of kind {@code sync-request}.
     *
     * @throws MalformedRecordException if a header, the key or the value is missing
     */
    public static SyncRequest fromRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new MalformedRecordException("sync-request without key or value");
        }
        return new SyncRequest(
            record.key(),
            RecordHeaders.require(record.headers(), RecordHeaders.CORRELATION_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.REPLY_TO),
            record.value());
    }
}
