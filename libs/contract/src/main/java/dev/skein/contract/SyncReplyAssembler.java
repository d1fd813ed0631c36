package dev.skein.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Joins the parts of sync replies consumed from the requester's reply partition, with bounded
 * memory.
 *
 * <p>Only replies addressed to this instance ({@link RecordHeaders#REPLY_TO}) and still awaited
 * (the {@code awaited} predicate) are buffered. Parts must arrive in order (they do: one producer,
 * one partition). The bytes buffered for all incomplete replies together never exceed
 * {@code maxBufferedBytes}: a part that would pass the bound rejects its whole reply (the caller
 * then fails that request, for example by asking the client to reconnect). Incomplete replies
 * older than {@code maxAge} are dropped by {@link #expire()}.
 *
 * <p>Not thread-safe: call it from the consuming thread.
 */
public final class SyncReplyAssembler {

    /** What a consumed record did. */
    public sealed interface Outcome {
    }

    /** The record completed a reply. */
    public record Complete(SyncReply reply) implements Outcome {
    }

    /** The record was buffered; more parts are expected. */
    public record Incomplete(String correlationId) implements Outcome {
    }

    /** The reply could not be assembled (bound exceeded, parts out of order, bad body). */
    public record Rejected(String correlationId, String reason) implements Outcome {
    }

    /** The record is not for this instance, not awaited, or not a sync reply. */
    public record Ignored() implements Outcome {
    }

    private record Pending(String docId, int parts, List<byte[]> chunks, Instant started, long bytes) {
    }

    private final String instanceId;
    private final long maxBufferedBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final Predicate<String> awaited;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long bufferedBytes;

    /**
     * @param instanceId this requester's instance id
     * @param maxBufferedBytes bound of the bytes held for incomplete replies
     * @param maxAge incomplete replies older than this are dropped by {@link #expire()}
     * @param awaited whether a correlation id is still awaited by the caller
     * @param clock time source
     */
    public SyncReplyAssembler(
            String instanceId, long maxBufferedBytes, Duration maxAge, Predicate<String> awaited, Clock clock) {
        this.instanceId = instanceId;
        this.maxBufferedBytes = maxBufferedBytes;
        this.maxAge = maxAge;
        this.awaited = awaited;
        this.clock = clock;
    }

    /** Feeds one consumed record of the sync-reply topic. */
    public Outcome accept(ConsumerRecord<String, byte[]> record) {
        if (RecordKind.of(record.headers()).orElse(null) != RecordKind.SYNC_REPLY
                || !instanceId.equals(RecordHeaders.get(record.headers(), RecordHeaders.REPLY_TO).orElse(null))) {
            return new Ignored();
        }
        String correlationId = RecordHeaders.get(record.headers(), RecordHeaders.CORRELATION_ID).orElse(null);
        if (correlationId == null || !awaited.test(correlationId)) {
            return new Ignored();
        }
        try {
            return acceptPart(correlationId, record);
        } catch (MalformedRecordException e) {
            discard(correlationId);
            return new Rejected(correlationId, e.getMessage());
        }
    }

    private Outcome acceptPart(String correlationId, ConsumerRecord<String, byte[]> record) {
        int part = RecordHeaders.getInt(record.headers(), RecordHeaders.PART);
        int parts = RecordHeaders.getInt(record.headers(), RecordHeaders.PARTS);
        String docId = RecordHeaders.require(record.headers(), RecordHeaders.DOC_ID);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Pending current = pending.get(correlationId);
        if (current == null) {
            if (part != 0 || parts < 1) {
                return new Rejected(correlationId, "reply starts at part " + part);
            }
            current = new Pending(docId, parts, new ArrayList<>(Math.min(parts, 1024)), clock.instant(), 0);
        } else if (part != current.chunks().size() || parts != current.parts()) {
            discard(correlationId);
            return new Rejected(correlationId, "part " + part + " out of order");
        }
        if (bufferedBytes + value.length > maxBufferedBytes) {
            discard(correlationId);
            return new Rejected(correlationId, "reply exceeds the reassembly bound of " + maxBufferedBytes + " bytes");
        }
        current.chunks().add(value);
        bufferedBytes += value.length;
        current = new Pending(docId, parts, current.chunks(), current.started(), current.bytes() + value.length);
        if (current.chunks().size() < parts) {
            pending.put(correlationId, current);
            return new Incomplete(correlationId);
        }
        pending.remove(correlationId);
        bufferedBytes -= current.bytes();
        byte[][] body = SyncReplies.decodeBody(join(current.chunks(), current.bytes()));
        return new Complete(new SyncReply(docId, correlationId, instanceId, body[0], body[1]));
    }

    /** Drops incomplete replies older than the maximum age; returns their correlation ids. */
    public List<String> expire() {
        Instant limit = clock.instant().minus(maxAge);
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> entry = it.next();
            if (entry.getValue().started().isBefore(limit)) {
                bufferedBytes -= entry.getValue().bytes();
                dropped.add(entry.getKey());
                it.remove();
            }
        }
        return dropped;
    }

    /** Forgets an incomplete reply (for example because its requester went away). */
    public void discard(String correlationId) {
        Pending removed = pending.remove(correlationId);
        if (removed != null) {
            bufferedBytes -= removed.bytes();
        }
    }

    /** Bytes currently held for incomplete replies. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    private static byte[] join(List<byte[]> chunks, long total) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new MalformedRecordException("reply too large");
        }
        byte[] body = new byte[(int) total];
        int offset = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, body, offset, chunk.length);
            offset += chunk.length;
        }
        return body;
    }
}
