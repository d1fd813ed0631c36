package dev.skein.gateway.session;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes handed to one event loop from other threads, carried out by one task. A fan-out from the
 * Kafka thread or from another event loop hands this loop a frame for each of its connections; one
 * task per burst writes them all and flushes each connection once, where a task per frame woke
 * the loop's selector again and again (the wake-ups alone were ~6 % of a gateway's event-loop time
 * under fanout) and flushed a connection once per frame even when several waited for it.
 */
final class LoopWrites {

    /** One per event loop of the process; weak, so that a test's event loops do not stay. */
    private static final Map<EventLoop, LoopWrites> BY_LOOP = Collections.synchronizedMap(new WeakHashMap<>());

    private record Pending(FrameWriter writer, Object message, boolean raw, Runnable done) {
    }

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Writers written to by the running drain, flushed at its end (touched by the loop only). */
    private final List<FrameWriter> toFlush = new ArrayList<>();
    private final Runnable drain = this::drain;

    private LoopWrites() {
    }

    /** The writes of {@code loop} (looked up once per connection). */
    static LoopWrites of(EventLoop loop) {
        return BY_LOOP.computeIfAbsent(loop, ignored -> new LoopWrites());
    }

    /**
     * Queues a write to {@code writer}'s channel, whose event loop this is; the loop carries it out
     * after those queued before it.
     */
    void add(FrameWriter writer, Object message, boolean raw, Runnable done) {
        pending.add(new Pending(writer, message, raw, done));
        if (scheduled.compareAndSet(false, true)) {
            // the loop is not kept here: the map's values must not hold their weak keys
            writer.eventLoop().execute(drain);
        }
    }

    private void drain() {
        // cleared first: a write queued while this runs schedules the next drain
        scheduled.set(false);
        Pending write;
        while ((write = pending.poll()) != null) {
            if (write.writer().writeQueued(write.message(), write.raw(), write.done())) {
                toFlush.add(write.writer());
            }
        }
        for (FrameWriter writer : toFlush) {
            writer.flushQueued();
        }
        toFlush.clear();
    }
}
