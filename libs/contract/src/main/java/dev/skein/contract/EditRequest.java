package dev.skein.contract;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An in-band request to change a document, produced into the document's partition of the update
 * topic so that its owner applies it to the current state, after every update before it, as its
 * own Yjs client; the owner produces the resulting {@code update} record and answers with an
 * {@link EditReply}.
 *
 * <p>Record layout: key = document id, value = the operations as UTF-8 JSON (doc-service's edit
 * format, opaque here), headers {@link RecordHeaders#KIND} = {@code edit-request},
 * {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO} = the requester's instance id,
 * and {@link RecordHeaders#PRINCIPAL} when the caller is known.
 *
 * @param docId document id
 * @param correlationId unique id of this request, repeated on the reply
 * @param replyTo instance id of the requester (the key of its replies)
 * @param principal who asked, if known
 * @param operations the operations, UTF-8 JSON
 */
public record EditRequest(String docId, String correlationId, String replyTo, Optional<String> principal,
        byte[] operations) {

    /**
     * The record to produce into {@code partition} (see {@link Partitions#forDocument}) of the
     * update topic, with the padding that wakes the owner's held fetch ({@link OwnerWake}).
     */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition) {
        return toRecord(topic, partition, true);
    }

    /**
     * The record to produce into {@code partition} of the update topic; {@code wake} adds the
     * padding that wakes the owner's held fetch ({@link OwnerWake}), worth its bytes in the log for
     * a request someone waits on, not for each chunk of a stream.
     */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition, boolean wake) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, docId, operations);
        RecordKind.EDIT_REQUEST.writeTo(record.headers());
        if (wake) {
            OwnerWake.addTo(record.headers());
        }
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, replyTo);
        principal.ifPresent(p -> RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, p));
        return record;
    }

    /**
     * Reads an edit request from a consumed record of kind {@code edit-request}.
     *
     * @throws MalformedRecordException if a header, the key or the value is missing
     */
    public static EditRequest fromRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new MalformedRecordException("edit-request without key or value");
        }
        return new EditRequest(
            record.key(),
            RecordHeaders.require(record.headers(), RecordHeaders.CORRELATION_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.REPLY_TO),
            RecordHeaders.get(record.headers(), RecordHeaders.PRINCIPAL),
            record.value());
    }
}
