package dev.skein.gateway.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The order in which one connection's inbound messages are handled. Small messages are handled at
 * once on the connection's event loop: handing each keystroke to a worker thread costs two thread
 * switches, which under load is where the time goes. A large message (a big paste, a sync step 2
 * of a long offline session) is decoded and validated on a worker instead, so that it does not
 * hold up the event loop's other connections; messages that arrive while one is there queue
 * behind it, so a connection's messages are still handled one at a time and in order.
 *
 * <p>{@link #submit} must be called from one thread at a time (the connection's event loop).
 */
final class InboundLane {

    private static final Logger LOG = Logger.getLogger(InboundLane.class);

    private final int inlineMaxBytes;
    private final Executor worker;
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    /** Messages handed to the worker and not yet handled. */
    private final AtomicInteger pending = new AtomicInteger();

    InboundLane(int inlineMaxBytes, Executor worker) {
        this.inlineMaxBytes = inlineMaxBytes;
        this.worker = worker;
    }

    /** Handles {@code frame} now, or after the messages before it, on a worker if it is large. */
    void submit(byte[] frame, Consumer<byte[]> handler) {
        if (frame.length <= inlineMaxBytes && pending.get() == 0) {
            handle(frame, handler);
            return;
        }
        queued.add(() -> handle(frame, handler));
        if (pending.getAndIncrement() == 0) {
            worker.execute(this::drain);
        }
    }

    /** Whether no message waits for or runs on the worker. */
    boolean idle() {
        return pending.get() == 0;
    }

    private void drain() {
        do {
            queued.poll().run();
        } while (pending.decrementAndGet() > 0);
    }

    private static void handle(byte[] frame, Consumer<byte[]> handler) {
        try {
            handler.accept(frame);
        } catch (RuntimeException e) {
            // one bad message must not stall the connection's later ones
            LOG.warnf("inbound message of %d bytes failed: %s", frame.length, e.toString());
        }
    }
}
