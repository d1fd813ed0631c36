package dev.skein.gateway.session;

import dev.skein.contract.AwarenessRecords;
import dev.skein.gateway.session.ConnectionAccess;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One client connection to one document: its bounded outbound queue, its paced message rate and
 * the awareness client ids it speaks for. Thread-safe: sends come from the Kafka thread, inbound
 * messages from the event loop, a timer or a worker thread.
 */
public final class Session {

    private static final Logger LOG = Logger.getLogger(Session.class);
    /** Heap a queued write takes besides its bytes, measured with a heap histogram under overload. */
    static final int WRITE_OVERHEAD_BYTES = 1024;

    private final WebSocketConnection connection;
    private final FrameWriter writer;
    private final ReadGate gate;
    private final Timers timers;
    private final String docId;
    private final String origin;
    private final long maxQueuedBytes;
    private final long closeQueuedBytes;
    private final long outboundStallMillis;
    private final GatewayMetrics metrics;
    private final Consumer<Session> onClose;
    private final InboundLane inbound;
    private final InboundMeter meter;
    private final OutboundBudget budget;
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Whether the queue is over {@code closeQueuedBytes}, and how often it went over (for the stall timer). */
    private final AtomicBoolean overCloseBound = new AtomicBoolean();
    private final AtomicLong overCloseEpoch = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closedByServer;
    /** Sized for the one client id a provider speaks for (the default table holds 16). */
    private final Map<Long, Long> awarenessClocks = new ConcurrentHashMap<>(2);
    private volatile ConnectionAccess access = ConnectionAccess.anonymous();

    Session(WebSocketConnection connection, String docId, String origin, SessionLimits limits, Timers timers,
            Executor inboundWorkers, BiConsumer<Session, List<byte[]>> inboundHandler, GatewayMetrics metrics,
            Consumer<Session> onClose, OutboundBudget budget, InboundBudget inboundBudget) {
        this.budget = budget;
        this.connection = connection;
        WebSocketBase socket = DirectSocket.of(connection);
        Channel channel = DirectSocket.channelOf(socket);
        this.writer = FrameWriter.of(connection, channel, limits.rawFrameBelowBytes());
        this.gate = new ReadGate(channel);
        this.meter = new InboundMeter(inboundBudget, limits.inboundConnectionBytes(), () -> {
            metrics.error("inbound-overload");
            close(CloseCodes.INBOUND_OVERLOAD, "inbound memory bound");
        });
        if (channel != null) {
            meter.attach(channel);
        }
        this.timers = timers;
        this.docId = docId;
        this.origin = origin;
        this.maxQueuedBytes = limits.outboundQueueBytes();
        this.closeQueuedBytes = limits.outboundCloseBytes();
        this.outboundStallMillis = Math.max(1, limits.outboundStallTimeout().toMillis());
        this.metrics = metrics;
        this.onClose = onClose;
        this.inbound = new InboundLane(limits.inlineMessageBytes(), inboundWorkers,
            new RateLimiter(limits.messagesPerSecond(), System.nanoTime()), timers::after, Session::afterRead, gate,
            gate::outboundPaused, () -> {
                metrics.paused("rate");
                gate.readSmall();
            }, frames -> {
                try {
                    // a message the gateway closed the connection for is the last one handled
                    if (!closedByServer) {
                        inboundHandler.accept(this, frames);
                    }
                } finally {
                    long bytes = 0;
                    for (byte[] frame : frames) {
                        bytes += frame.length;
                    }
                    meter.handled(bytes);
                }
            });
    }

    /**
     * Takes one inbound message: handled at once, or in order after those before it, at the
     * connection's message rate (see {@link InboundLane}).
     */
    public void receive(byte[] frame) {
        meter.queued(frame.length);
        inbound.submit(frame);
    }

    /** Runs {@code cleanup} once every message the client sent before it closed was handled. */
    public void afterInbound(Runnable cleanup) {
        inbound.close(() -> {
            meter.release();
            cleanup.run();
        });
    }

    /** Bytes of what the client sent that this connection holds now (see {@link InboundMeter}). */
    long inboundHeld() {
        return meter.held();
    }

    /** The connection id (unique on this instance). */
    public String id() {
        return connection.id();
    }

    /** The document this connection edits. */
    public String docId() {
        return docId;
    }

    /**
     * Who the connection is authenticated as; {@link AwarenessRecords#ANONYMOUS} when
     * authentication is off.
     */
    public String principal() {
        return access.principal();
    }

    /** What the connection may do now (its role changes while it is open). */
    public ConnectionAccess access() {
        return access;
    }

    /** Sets what the connection may do: at admission, and when its document's ACL changes. */
    public void access(ConnectionAccess access) {
        this.access = access;
    }

    /** The value of the origin header of the records this connection produces. */
    public String origin() {
        return origin;
    }

    /** Whether the connection is open and not being closed. */
    public boolean isOpen() {
        return !closing.get() && connection.isOpen();
    }

    /**
     * Runs {@code task} on the calling event loop once it has handled what it read with the current
     * message (a task queued behind the read), or at once off an event loop.
     */
    private static void afterRead(Runnable task) {
        Context context = Vertx.currentContext();
        if (context != null && context.isEventLoopContext()) {
            context.runOnContext(ignored -> task.run());
        } else {
            task.run();
        }
    }

    /** Bytes handed to the socket but not yet written, each write counted with its overhead. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /**
     * Queues one frame. A client whose queue passes its bound ({@code outbound-queue-bytes}) is not
     * read from until the queue drains below it: what it sends next mostly causes more to send (sync
     * answers, echoes, its updates to the document's other clients), so a gateway behind on its
     * writes paces its writers instead of piling up frames. A queue that stays over
     * {@code outbound-close-bytes} for {@code outbound-stall-timeout}, or reaches twice it, closes
     * the client with the transient {@link CloseCodes#SLOW_CONSUMER}: its provider reconnects and
     * syncs. A frame that would pass the gateway's {@link OutboundBudget} closes the client at once,
     * so overload never exhausts the heap.
     */
    public void send(byte[] message) {
        OutboundFrame frame = OutboundFrame.of(message);
        try {
            send(frame);
        } finally {
            frame.release();
        }
    }

    /**
     * Queues one message that may go to other connections too (see {@link OutboundFrame}); the
     * caller releases {@code frame} after handing it to all of them. Bounds as {@link #send(byte[])}.
     */
    public void send(OutboundFrame frame) {
        if (!isOpen()) {
            return;
        }
        // a queued write costs far more than its bytes (buffer, promise, future, callbacks):
        // counting only the bytes would let many small frames fill the heap before any bound
        long cost = frame.length() + WRITE_OVERHEAD_BYTES;
        long queued = queuedBytes.addAndGet(cost);
        if (queued > 2 * closeQueuedBytes && queued != cost) {
            queuedBytes.addAndGet(-cost);
            metrics.error("slow-consumer");
            close(CloseCodes.SLOW_CONSUMER, "outbound queue full");
            return;
        }
        if (!budget.tryReserve(cost)) {
            queuedBytes.addAndGet(-cost);
            metrics.error("outbound-budget");
            close(CloseCodes.SLOW_CONSUMER, "gateway overloaded");
            return;
        }
        if (queued > maxQueuedBytes && !gate.outboundPaused() && gate.pause(ReadGate.Reason.OUTBOUND)) {
            metrics.paused("outbound");
        }
        if (queued > closeQueuedBytes && queued != cost && overCloseBound.compareAndSet(false, true)) {
            watchStall(overCloseEpoch.incrementAndGet());
        }
        metrics.sent(frame.length());
        writer.write(frame, () -> written(cost));
    }

    /** Closes the client if its queue is still over the close bound, without a break, after the stall timeout. */
    private void watchStall(long epoch) {
        timers.after(outboundStallMillis, () -> {
            if (overCloseBound.get() && overCloseEpoch.get() == epoch && queuedBytes.get() > closeQueuedBytes) {
                metrics.error("slow-consumer");
                close(CloseCodes.SLOW_CONSUMER, "outbound queue stalled");
            }
        });
    }

    /** Whether reading from this client is paused now (rate or outbound queue). */
    boolean readingPaused() {
        return gate.paused();
    }

    /** Whether the client's connection reads in small bites (it was paced, see {@link ReadGate#readSmall}). */
    boolean readsSmall() {
        return gate.readsSmall();
    }

    /** Whether reading from the client can be paused (its Netty channel was reachable). */
    boolean readingCanPause() {
        return gate.canPause();
    }

    /** Whether frames go straight to the Netty channel rather than through Quarkus's Mutiny API. */
    boolean writesDirectly() {
        return writer.direct();
    }

    /** Whether small frames go out as bytes prepared once for every connection (see {@link FrameWriter}). */
    boolean writesPreparedFrames() {
        return writer.writesPreparedFrames();
    }

    private void written(long bytes) {
        long left = queuedBytes.addAndGet(-bytes);
        budget.release(bytes);
        if (left <= closeQueuedBytes && overCloseBound.get() && overCloseBound.compareAndSet(true, false)) {
            overCloseEpoch.incrementAndGet();
        }
        if (left <= maxQueuedBytes && gate.outboundPaused()) {
            gate.resume(ReadGate.Reason.OUTBOUND);
            inbound.outboundDrained();
        }
    }

    /**
     * Remembers that this connection speaks for an awareness client id, at the newest clock it
     * sent for it. A removal keeps the id (at the removal's clock): the removal itself may still
     * sit in the coalescing window when the connection closes, and the removal produced on close
     * then stands in for it (a repeated removal changes nothing for peers).
     */
    public void trackAwareness(long clientId, long clock) {
        awarenessClocks.merge(clientId, clock, Math::max);
    }

    /** Whether this connection speaks for {@code clientId} (see {@link #trackAwareness}). */
    public boolean speaksFor(long clientId) {
        return awarenessClocks.containsKey(clientId);
    }

    /** Whether this connection has not sent a state of its own yet. */
    public boolean speaksForNobody() {
        return awarenessClocks.isEmpty();
    }

    /** Awareness client ids this connection speaks for, with their newest clocks. */
    public Map<Long, Long> awarenessClocks() {
        return Map.copyOf(awarenessClocks);
    }

    /** Marks the session closed after the client closed the connection; no further frames are sent. */
    public void markClosed() {
        if (closing.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    /**
     * Whether the gateway closed this session (a limit, malformed input, Kafka down): its further
     * inbound messages are dropped. Messages a client sent before closing the connection itself
     * are still handled.
     */
    public boolean closedByServer() {
        return closedByServer;
    }

    /** Closes the connection once with a code from {@link CloseCodes}; later calls do nothing. */
    public void close(int code, String reason) {
        closedByServer = true;
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.debugf("closing %s (%s) with %d: %s", connection.id(), docId, code, reason);
        onClose.accept(this);
        connection.close(new CloseReason(code, reason)).subscribe().with(
            ok -> { },
            failure -> LOG.debugf("close of %s failed: %s", connection.id(), failure.getMessage()));
    }
}
