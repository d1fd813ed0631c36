package dev.skein.contract;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * persistence-service's answer to a {@link VersionRequest}, sent once the version is durably
 * stored (or when none can be recorded).
 *
 * <p>Record layout on the sync-reply topic: key = the requester's instance id (partition
 * {@link Partitions#forReplyTarget}), empty value, headers {@link RecordHeaders#KIND} =
 * {@code version-reply}, {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO},
 * {@link RecordHeaders#DOC_ID}, {@link RecordHeaders#VERSION_OUTCOME} and, when recorded,
 * {@link RecordHeaders#VERSION}.
 *
 * @param docId document id
 * @param correlationId the request's correlation id
 * @param replyTo the requester's instance id
 * @param outcome how the request ended
 * @param version the version recorded (its offset), when {@code outcome} is {@link Outcome#RECORDED}
 */
public record VersionReply(String docId, String correlationId, String replyTo, Outcome outcome, OptionalLong version) {

    /** How a version request ended; the wire name is the {@link RecordHeaders#VERSION_OUTCOME} value. */
    public enum Outcome {
        /** The version is stored; {@link RecordHeaders#VERSION} says which. */
        RECORDED("recorded"),
        /** The document has no content: nothing to record. */
        EMPTY("empty"),
        /** History is off for this document. */
        HISTORY_OFF("history-off");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        /** The header value. */
        public String wireName() {
            return wireName;
        }

        /** The outcome named by a header value, if known. */
        public static Optional<Outcome> fromWireName(String name) {
            for (Outcome outcome : values()) {
                if (outcome.wireName.equals(name)) {
                    return Optional.of(outcome);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks that a recorded outcome names its version. */
    public VersionReply {
        if ((outcome == Outcome.RECORDED) != version.isPresent()) {
            throw new IllegalArgumentException("a version is named exactly when it was recorded");
        }
    }

    /** The record to produce into the requester's reply partition of the sync-reply topic. */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, replyTo, new byte[0]);
        RecordKind.VERSION_REPLY.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, replyTo);
        RecordHeaders.put(record.headers(), RecordHeaders.DOC_ID, docId);
        RecordHeaders.put(record.headers(), RecordHeaders.VERSION_OUTCOME, outcome.wireName());
        version.ifPresent(v -> RecordHeaders.put(record.headers(), RecordHeaders.VERSION, Long.toString(v)));
        return record;
    }

    /**
     * Reads a version reply from a consumed record of kind {@code version-reply}.
     *
     * @throws MalformedRecordException if a header is missing or unknown
     */
    public static VersionReply fromRecord(ConsumerRecord<String, byte[]> record) {
        String outcomeName = RecordHeaders.require(record.headers(), RecordHeaders.VERSION_OUTCOME);
        Outcome outcome = Outcome.fromWireName(outcomeName)
            .orElseThrow(() -> new MalformedRecordException("unknown version outcome " + outcomeName));
        OptionalLong version = OptionalLong.empty();
        if (outcome == Outcome.RECORDED) {
            String text = RecordHeaders.require(record.headers(), RecordHeaders.VERSION);
            try {
                version = OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new MalformedRecordException("header " + RecordHeaders.VERSION + " is not a number");
            }
        }
        return new VersionReply(
            RecordHeaders.require(record.headers(), RecordHeaders.DOC_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.CORRELATION_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.REPLY_TO),
            outcome, version);
    }
}
