package dev.skein.contract;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Wire format of sync replies on the sync-reply topic, including chunking.
 *
 * <p><b>Body.</b> A reply is serialised as one body: a 4-byte big-endian length {@code n}, then
 * {@code n} bytes of the update, then the state vector (the rest).
 *
 * <p><b>Chunking.</b> The body is cut into parts of at most {@code maxPartBytes} bytes (default
 * {@value #DEFAULT_MAX_PART_BYTES}, below Kafka's default 1 MB record limit, so a 10 MB document
 * syncs on a broker with default settings). Part {@code i} of {@code n} is one record: key =
 * requester instance id, value = the part's bytes, headers {@link RecordHeaders#KIND} =
 * {@code sync-reply}, {@link RecordHeaders#CORRELATION_ID}, {@link RecordHeaders#REPLY_TO},
 * {@link RecordHeaders#DOC_ID}, {@link RecordHeaders#PART} = {@code i},
 * {@link RecordHeaders#PARTS} = {@code n}. All parts go to the same partition from one producer,
 * in order, so they are consumed in order; {@link SyncReplyAssembler} joins them.
 *
 * <p><b>Routing.</b> Replies go to partition {@link Partitions#forReplyTarget} of the
 * requester's instance id. A requester assigns itself only that partition, starts at its end
 * before it sends its first request, and drops records whose {@code skein-reply-to} is another
 * instance's. Replies are transient: the topic needs only a short retention.
 */
public final class SyncReplies {

    /** Default largest part value, in bytes (512 KiB). */
    public static final int DEFAULT_MAX_PART_BYTES = 512 * 1024;

    private SyncReplies() {
    }

    /** The records of a reply, in the order they must be produced. */
    public static List<ProducerRecord<String, byte[]>> toRecords(
            String topic, int partition, SyncReply reply, int maxPartBytes) {
        if (maxPartBytes <= 0) {
            throw new IllegalArgumentException("maxPartBytes must be positive");
        }
        byte[] body = encodeBody(reply.update(), reply.stateVector());
        int parts = Math.max(1, (body.length + maxPartBytes - 1) / maxPartBytes);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int from = i * maxPartBytes;
            int to = Math.min(body.length, from + maxPartBytes);
            byte[] value = new byte[to - from];
            System.arraycopy(body, from, value, 0, value.length);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, reply.replyTo(), value);
            RecordKind.SYNC_REPLY.writeTo(record.headers());
            RecordHeaders.put(record.headers(), RecordHeaders.CORRELATION_ID, reply.correlationId());
            RecordHeaders.put(record.headers(), RecordHeaders.REPLY_TO, reply.replyTo());
            RecordHeaders.put(record.headers(), RecordHeaders.DOC_ID, reply.docId());
            RecordHeaders.put(record.headers(), RecordHeaders.PART, Integer.toString(i));
            RecordHeaders.put(record.headers(), RecordHeaders.PARTS, Integer.toString(parts));
            records.add(record);
        }
        return records;
    }

    /** Serialises an update and a state vector into one reply body. */
    public static byte[] encodeBody(byte[] update, byte[] stateVector) {
        return ByteBuffer.allocate(4 + update.length + stateVector.length)
            .putInt(update.length)
            .put(update)
            .put(stateVector)
            .array();
    }

    /**
     * Splits a reply body into update and state vector.
     *
     * @return {@code [update, stateVector]}
     * @throws MalformedRecordException if the length prefix does not fit the body
     */
    public static byte[][] decodeBody(byte[] body) {
        if (body.length < 4) {
            throw new MalformedRecordException("sync-reply body shorter than its length prefix");
        }
        int updateLength = ByteBuffer.wrap(body, 0, 4).getInt();
        if (updateLength < 0 || updateLength > body.length - 4) {
            throw new MalformedRecordException("sync-reply update length out of range");
        }
        byte[] update = new byte[updateLength];
        System.arraycopy(body, 4, update, 0, updateLength);
        byte[] stateVector = new byte[body.length - 4 - updateLength];
        System.arraycopy(body, 4 + updateLength, stateVector, 0, stateVector.length);
        return new byte[][] {update, stateVector};
    }
}
