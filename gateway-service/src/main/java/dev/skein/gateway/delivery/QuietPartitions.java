package dev.skein.gateway.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which update partitions live delivery reads continuously and which only every so often.
 *
 * <p>With local delivery a gateway hands its own connections' updates to its other connections
 * before they reach the log, so what it reads back of its own holds nothing its connections still
 * need. Read continuously, a partition into which only this gateway writes still costs a broker
 * fetch per keystroke, every record of it skipped. A partition in which no update of another
 * writer (a connection of another gateway, doc-service's edit) to one of this gateway's documents
 * was seen for {@code quietAfter} is
 * <em>quiet</em>: it is paused, and resumed every {@code interval} until a poll returned its
 * records, then paused again, so an own keystroke costs at most one fetch per interval. Nothing
 * is skipped: a paused partition keeps its position, so another writer's first record reaches
 * the connections at the next read (within about an interval), and from then on the partition is
 * read continuously again for {@code quietAfter}.
 *
 * <p>Not thread-safe: the consumer thread only.
 */
final class QuietPartitions {

    private static final long NOT_PAUSED = Long.MIN_VALUE;

    private final long intervalNanos;
    private final long quietAfterNanos;
    private final Map<TopicPartition, State> states = new HashMap<>();

    private static final class State {
        /** When another writer's record of a followed document was last seen (starts long ago). */
        long foreignSeen;
        /** When the partition was paused, or {@link #NOT_PAUSED}. */
        long pausedAt = NOT_PAUSED;
        /** Whether a poll returned records of it since it was last resumed. */
        boolean read;

        State(long foreignSeen) {
            this.foreignSeen = foreignSeen;
        }
    }

    /**
     * @param intervalNanos how often a quiet partition is read; 0 or less: every partition is read
     *     continuously
     * @param quietAfterNanos how long after another writer's last record a partition becomes quiet
     */
    QuietPartitions(long intervalNanos, long quietAfterNanos) {
        this.intervalNanos = intervalNanos;
        this.quietAfterNanos = quietAfterNanos;
    }

    /**
     * The update partitions the consumer reads now: new ones are tracked (quiet from the start: a
     * document just opened on this gateway has had no other writer here yet, and one it has gets
     * noticed at the next read), dropped ones forgotten.
     */
    void track(Set<TopicPartition> partitions, long nowNanos) {
        states.keySet().retainAll(partitions);
        for (TopicPartition partition : partitions) {
            states.computeIfAbsent(partition, p -> new State(nowNanos - quietAfterNanos));
        }
    }

    /**
     * A poll returned a record of {@code partition}.
     *
     * @param foreign whether it is another writer's update of a document this gateway has connections to
     */
    void returned(TopicPartition partition, boolean foreign, long nowNanos) {
        State state = states.get(partition);
        if (state == null) {
            return;
        }
        state.read = true;
        if (foreign) {
            state.foreignSeen = nowNanos;
        }
    }

    /**
     * The partitions to keep paused from now on: quiet ones that were read since they were last
     * resumed, until their interval is over. Call after each poll.
     */
    Set<TopicPartition> paused(long nowNanos) {
        Set<TopicPartition> paused = null;
        for (Map.Entry<TopicPartition, State> entry : states.entrySet()) {
            if (shouldPause(entry.getValue(), nowNanos)) {
                if (paused == null) {
                    paused = new HashSet<>();
                }
                paused.add(entry.getKey());
            }
        }
        return paused == null ? Set.of() : paused;
    }

    private boolean shouldPause(State state, long nowNanos) {
        if (intervalNanos <= 0 || nowNanos - state.foreignSeen < quietAfterNanos) {
            state.pausedAt = NOT_PAUSED;
            state.read = false;
            return false;
        }
        if (state.pausedAt != NOT_PAUSED) {
            if (nowNanos - state.pausedAt < intervalNanos) {
                return true;
            }
            state.pausedAt = NOT_PAUSED;
            state.read = false;
            return false;
        }
        if (state.read) {
            state.pausedAt = nowNanos;
            state.read = false;
            return true;
        }
        // resumed and nothing arrived yet: costs no fetch of its own, stays in until something does
        return false;
    }

    /** Nanoseconds until a paused partition is due to be read, or {@link Long#MAX_VALUE} if none is paused. */
    long nanosToNextRead(long nowNanos) {
        long next = Long.MAX_VALUE;
        for (State state : states.values()) {
            if (state.pausedAt != NOT_PAUSED) {
                next = Math.min(next, Math.max(0, state.pausedAt + intervalNanos - nowNanos));
            }
        }
        return next;
    }

    /** The partitions currently quiet (read every interval rather than continuously). */
    int quietCount(long nowNanos) {
        if (intervalNanos <= 0) {
            return 0;
        }
        int count = 0;
        for (State state : states.values()) {
            if (nowNanos - state.foreignSeen >= quietAfterNanos) {
                count++;
            }
        }
        return count;
    }
}
