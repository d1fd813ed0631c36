package dev.skein.gateway.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The order and pace in which one connection's inbound messages are handled.
 *
 * <p><b>Order.</b> Small messages are handled at once on the connection's event loop: handing each
 * keystroke to a worker thread costs two thread switches, which under load is where the time
 * goes. A large message (a big paste, a sync step 2 of a long offline session) is decoded and
 * validated on a worker instead, so that it does not hold up the event loop's other connections;
 * messages that arrive meanwhile queue behind it, so a connection's messages are still handled
 * one at a time and in order.
 *
 * <p><b>Pace.</b> Each message takes a token of the connection's {@link RateLimiter}. Over the rate
 * a message waits in the queue until the bucket refills, and while anything waits the
 * {@link ReadGate} stops reading from the client: its later messages stay in TCP buffers and its
 * sends wait. A burst is slowed down, never refused, and never handled all at once on the event
 * loop that other connections share.
 *
 * <p><b>Hold.</b> While the connection's outbound queue is over its bound ({@link
 * ReadGate.Reason#OUTBOUND}), messages already read wait too, until {@link #outboundDrained}:
 * pausing the socket alone left a burst read before the pause (a 64 KiB read holds a thousand
 * keystrokes) to be handled at once, each fanned out to every peer, and a gateway behind on its
 * writes then shed its clients at the outbound budget instead of pacing them.
 *
 * <p><b>Batches.</b> Small messages that wait in the queue together (paced, held, or behind a large
 * one) are handed over together, in order, each with its token: the handler merges consecutive
 * document updates into one record, so a paced burst costs the broker, doc-service and the
 * document's readers one record per wake-up instead of one per keystroke. A message is handled once
 * the event loop has read what arrived with it ({@code afterRead}): the keystrokes of a burst that
 * came in one read are one batch even while the bucket still has tokens (handled one at a time as
 * each was decoded, the first second of a burst was a thousand records of one keystroke, each
 * delivered to every reader, on the event loop other connections share). A lone message is a batch
 * of one.
 *
 * <p><b>Close.</b> Messages a client sent before it closed the connection are still handled, at
 * once, and the connection's clean-up runs after them ({@link #close}).
 */
final class InboundLane {

    /** Schedules a task after a delay (Vert.x timers in the gateway). */
    interface Scheduler {
        void after(long millis, Runnable task);
    }

    private static final Logger LOG = Logger.getLogger(InboundLane.class);
    /** Most messages handed over at once (a batch is merged and produced as one record). */
    static final int MAX_BATCH = 256;

    private final int inlineMaxBytes;
    private final Executor worker;
    private final RateLimiter rate;
    private final Scheduler scheduler;
    private final Executor afterRead;
    private final ReadGate gate;
    private final Runnable onPaced;
    private final Consumer<List<byte[]>> handler;
    private final BooleanSupplier held;
    /** Mostly empty or one message: room for 16 in every idle connection would be most of it. */
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(2);
    // all guarded by this
    private long queuedBytes;
    /** A drain runs, or is scheduled on a timer or the worker: submitting only enqueues. */
    private boolean busy;
    /** The message at the head already took its token (it waits for the worker). */
    private boolean tokenHeld;
    private boolean closing;
    /** The drain stopped because the outbound queue is over its bound; {@link #outboundDrained} restarts it. */
    private boolean waitingForOutbound;
    private Runnable afterClose;

    /**
     * @param held whether handling must wait for the outbound queue (checked before each message;
     *     its owner calls {@link #outboundDrained} once it no longer holds)
     * @param afterRead runs the handling of a submitted message after the rest of the read it came
     *     in (the event loop's task queue in the gateway; at once where nothing batches)
     */
    InboundLane(int inlineMaxBytes, Executor worker, RateLimiter rate, Scheduler scheduler, Executor afterRead,
            ReadGate gate, BooleanSupplier held, Runnable onPaced, Consumer<List<byte[]>> handler) {
        this.afterRead = afterRead;
        this.held = held;
        this.onPaced = onPaced;
        this.inlineMaxBytes = inlineMaxBytes;
        this.worker = worker;
        this.rate = rate;
        this.scheduler = scheduler;
        this.gate = gate;
        this.handler = handler;
    }

    /** Handles {@code frame} now, or after the messages before it (see the class comment). */
    void submit(byte[] frame) {
        synchronized (this) {
            if (closing) {
                return;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            if (busy) {
                gate.pause(ReadGate.Reason.BACKLOG);
                return;
            }
            busy = true;
        }
        afterRead.execute(() -> drain(false));
    }

    /**
     * Handles what is still queued (ignoring the rate: the client is gone) and then runs
     * {@code cleanup}; at once when nothing is queued.
     */
    void close(Runnable cleanup) {
        synchronized (this) {
            closing = true;
            if (busy) {
                // the running (or scheduled) drain handles the rest at once and then runs it
                afterClose = cleanup;
                if (!waitingForOutbound) {
                    return;
                }
                // a drain waiting for the queue of a closed connection would never be restarted
                waitingForOutbound = false;
                cleanup = null;
            }
        }
        if (cleanup != null) {
            cleanup.run();
        } else {
            drain(false);
        }
    }

    /** The outbound queue is back under its bound: a drain that waited for it goes on. */
    void outboundDrained() {
        synchronized (this) {
            if (!waitingForOutbound) {
                return;
            }
            waitingForOutbound = false;
        }
        drain(false);
    }

    /** Whether nothing waits in the queue or runs on the worker. */
    synchronized boolean idle() {
        return !busy && queue.isEmpty();
    }

    /** Bytes received and not handled yet. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Handles queued messages in order until the queue is empty or one must wait; runs while busy. */
    private void drain(boolean onWorker) {
        Runnable cleanup = null;
        while (true) {
            List<byte[]> batch;
            synchronized (this) {
                byte[] next = queue.peek();
                if (next == null) {
                    busy = false;
                    gate.resume(ReadGate.Reason.BACKLOG);
                    cleanup = afterClose;
                    afterClose = null;
                    break;
                }
                if (!closing && held.getAsBoolean()) {
                    // checked and marked under the lock outboundDrained takes: no wake-up is missed
                    waitingForOutbound = true;
                    gate.pause(ReadGate.Reason.BACKLOG);
                    return;
                }
                if (!closing && !tokenHeld) {
                    long waitNanos = rate.tryTake(System.nanoTime());
                    if (waitNanos > 0) {
                        gate.pause(ReadGate.Reason.BACKLOG);
                        onPaced.run();
                        scheduler.after((waitNanos + 999_999) / 1_000_000, () -> drain(false));
                        return;
                    }
                    tokenHeld = true;
                }
                if (next.length > inlineMaxBytes && !onWorker) {
                    gate.pause(ReadGate.Reason.BACKLOG);
                    worker.execute(() -> drain(true));
                    return;
                }
                queue.poll();
                queuedBytes -= next.length;
                tokenHeld = false;
                batch = new ArrayList<>(Math.min(queue.size() + 1, MAX_BATCH));
                batch.add(next);
                if (next.length <= inlineMaxBytes) {
                    takeFollowers(batch);
                }
            }
            handle(batch);
        }
        if (cleanup != null) {
            cleanup.run();
        }
    }

    /** Adds the small messages queued behind the batch's first, each with a token while tokens last. */
    private void takeFollowers(List<byte[]> batch) {
        long now = System.nanoTime();
        byte[] more;
        while (batch.size() < MAX_BATCH && (more = queue.peek()) != null && more.length <= inlineMaxBytes) {
            if (!closing && rate.tryTake(now) > 0) {
                return;
            }
            queue.poll();
            queuedBytes -= more.length;
            batch.add(more);
        }
    }

    private void handle(List<byte[]> batch) {
        try {
            handler.accept(batch);
        } catch (RuntimeException e) {
            // one bad message must not stall the connection's later ones
            LOG.warnf("%d inbound messages failed: %s", batch.size(), e.toString());
        }
    }
}
