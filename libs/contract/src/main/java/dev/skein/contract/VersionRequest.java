package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A request to record a version of a document now, produced into the document's partition of the
 * update topic: persistence-service meets it after every update produced before it, so the version
 * holds everything acknowledged before the request, and answers with a {@link VersionReply}.
 *
 * <p>Record layout: key = document id, value = the label in UTF-8 (empty for none, at most
 * {@value #MAX_LABEL_LENGTH} characters), headers {@link RecordHeaders#KIND} = {@code version-request},
 * {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO} = the requester's instance id,
 * and {@link RecordHeaders#PRINCIPAL} when the caller is known.
 *
 * @param docId document id
 * @param correlationId unique id of this request, repeated on the reply
 * @param replyTo instance id of the requester (the key of its reply)
 * @param label the version's label; empty for none
 * @param principal who asked, if known
 */
public record VersionRequest(String docId, String correlationId, String replyTo, String label,
        Optional<String> principal) {

    /** Longest label, in characters. */
    public static final int MAX_LABEL_LENGTH = 200;

    /** Checks the label. */
    public VersionRequest {
        if (label == null || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a label has at most " + MAX_LABEL_LENGTH + " characters");
        }
    }

    /** The record to produce into {@code partition} (see {@link Partitions#forDocument}) of the update topic. */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, docId,
            label.getBytes(StandardCharsets.UTF_8));
        RecordKind.VERSION_REQUEST.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, replyTo);
        principal.ifPresent(p -> RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, p));
        return record;
    }

    /**
     * Reads a version request from a consumed record of kind {@code version-request}.
     *
     * @throws MalformedRecordException if a header or the key is missing, or the label is too long
     */
    public static VersionRequest fromRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new MalformedRecordException("version-request without key");
        }
        String label = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new MalformedRecordException("version-request label longer than " + MAX_LABEL_LENGTH);
        }
        return new VersionRequest(record.key(),
            RecordHeaders.require(record.headers(), RecordHeaders.CORRELATION_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.REPLY_TO),
            label,
            RecordHeaders.get(record.headers(), RecordHeaders.PRINCIPAL));
    }
}
