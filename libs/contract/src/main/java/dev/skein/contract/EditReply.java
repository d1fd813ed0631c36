package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The owner's answer to an {@link EditRequest}, one record on the sync-reply topic, in the
 * requester's reply partition ({@link Partitions#forReplyTarget}) like a sync reply.
 *
 * <p>Record layout: key = requester instance id, headers {@link RecordHeaders#KIND} =
 * {@code edit-reply}, {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO},
 * {@link RecordHeaders#DOC_ID}, {@link RecordHeaders#EDIT_OUTCOME}; when {@code applied}:
 * {@link RecordHeaders#OFFSET} and value = owner's result (UTF-8 JSON: state vector and whatever
 * the operations report); when {@code rejected}: {@link RecordHeaders#FAILED_OP} and value = the
 * reason (UTF-8); when {@code failed}: value = the reason.
 *
 * @param docId document id
 * @param correlationId the request's correlation id
 * @param replyTo the requester's instance id
 * @param outcome how the request ended
 * @param offset offset of the produced update in the update topic (applied only; else -1)
 * @param failedOp index of the refused operation (rejected only; else -1)
 * @param body result JSON (applied) or reason (otherwise), UTF-8
 */
public record EditReply(String docId, String correlationId, String replyTo, Outcome outcome, long offset,
        int failedOp, byte[] body) {

    /** How an edit request ended. */
    public enum Outcome {
        /** Applied and produced as an {@code update} record at {@link #offset}. */
        APPLIED("applied"),
        /** An operation was refused ({@link #failedOp}); nothing was applied. */
        REJECTED("rejected"),
        /** Applied but Kafka did not take the update; nothing of it remains. */
        FAILED("failed");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        /** The header value. */
        public String wireName() {
            return wireName;
        }

        static Outcome fromWireName(String name) {
            for (Outcome o : values()) {
                if (o.wireName.equals(name)) {
                    return o;
                }
            }
            throw new MalformedRecordException("unknown edit outcome " + name);
        }
    }

    /** An applied edit. */
    public static EditReply applied(EditRequest request, long offset, byte[] result) {
        return new EditReply(request.docId(), request.correlationId(), request.replyTo(), Outcome.APPLIED, offset, -1,
            result);
    }

    /** A refused edit: operation {@code failedOp} could not be applied, nothing was. */
    public static EditReply rejected(EditRequest request, int failedOp, String reason) {
        return new EditReply(request.docId(), request.correlationId(), request.replyTo(), Outcome.REJECTED, -1,
            failedOp, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** An edit whose update Kafka did not take. */
    public static EditReply failed(EditRequest request, String reason) {
        return new EditReply(request.docId(), request.correlationId(), request.replyTo(), Outcome.FAILED, -1, -1,
            reason.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The record to produce into {@code partition} (the requester's reply partition) of the sync-reply topic. */
    public ProducerRecord<String, byte[]> toRecord(String topic, int partition) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, replyTo, body);
        RecordKind.EDIT_REPLY.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, correlationId);
        RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, replyTo);
        RecordHeaders.put(record.headers(), RecordHeaders.DOC_ID, docId);
        RecordHeaders.put(record.headers(), RecordHeaders.EDIT_OUTCOME, outcome.wireName());
        if (outcome == Outcome.APPLIED) {
            RecordHeaders.put(record.headers(), RecordHeaders.OFFSET, Long.toString(offset));
        }
        if (outcome == Outcome.REJECTED) {
            RecordHeaders.put(record.headers(), RecordHeaders.FAILED_OP, Integer.toString(failedOp));
        }
        return record;
    }

    /**
     * Reads an edit reply from a consumed record of kind {@code edit-reply}.
     *
     * @throws MalformedRecordException if a header is missing or invalid
     */
    public static EditReply fromRecord(ConsumerRecord<String, byte[]> record) {
        Outcome outcome = Outcome.fromWireName(RecordHeaders.require(record.headers(), RecordHeaders.EDIT_OUTCOME));
        long offset = -1;
        int failedOp = -1;
        if (outcome == Outcome.APPLIED) {
            try {
                offset = Long.parseLong(RecordHeaders.require(record.headers(), RecordHeaders.OFFSET));
            } catch (NumberFormatException e) {
                throw new MalformedRecordException("header " + RecordHeaders.OFFSET + " is not a number");
            }
        }
        if (outcome == Outcome.REJECTED) {
            failedOp = RecordHeaders.getInt(record.headers(), RecordHeaders.FAILED_OP);
        }
        return new EditReply(
            RecordHeaders.require(record.headers(), RecordHeaders.DOC_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.CORRELATION_ID),
            RecordHeaders.require(record.headers(), RecordHeaders.REPLY_TO),
            outcome, offset, failedOp, record.value() == null ? new byte[0] : record.value());
    }
}
