package dev.skein.gateway.session;

import dev.skein.contract.AwarenessRecords;
import dev.skein.gateway.auth.ConnectionAccess;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.protocol.CloseCodes;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One client connection to one document: its bounded outbound queue, its rate limit and the
 * awareness client ids it speaks for. Thread-safe: sends come from the Kafka thread, inbound
 * messages from a worker thread.
 */
public final class Session {

    private static final Logger LOG = Logger.getLogger(Session.class);
    /** Heap a queued write takes besides its bytes, measured with a heap histogram under overload. */
    static final int WRITE_OVERHEAD_BYTES = 1024;

    private final WebSocketConnection connection;
    private final FrameWriter writer;
    private final String docId;
    private final String origin;
    private final long maxQueuedBytes;
    private final RateLimiter rateLimiter;
    private final GatewayMetrics metrics;
    private final Consumer<Session> onClose;
    private final InboundLane inbound;
    private final OutboundBudget budget;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closedByServer;
    private final Map<Long, Long> awarenessClocks = new ConcurrentHashMap<>();
    private volatile ConnectionAccess access = ConnectionAccess.anonymous();

    Session(WebSocketConnection connection, String docId, String origin, long maxQueuedBytes, int messagesPerSecond,
            GatewayMetrics metrics, Consumer<Session> onClose, InboundLane inbound, OutboundBudget budget) {
        this.inbound = inbound;
        this.budget = budget;
        this.connection = connection;
        this.writer = FrameWriter.of(connection);
        this.docId = docId;
        this.origin = origin;
        this.maxQueuedBytes = maxQueuedBytes;
        this.rateLimiter = new RateLimiter(messagesPerSecond, System.nanoTime());
        this.metrics = metrics;
        this.onClose = onClose;
    }

    /** Where this connection's inbound messages are handled, in order. */
    InboundLane inbound() {
        return inbound;
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

    /** Bytes handed to the socket but not yet written, each write counted with its overhead. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Takes one token of the message rate limit; false when the client sends too fast. */
    public boolean tryAcquireMessage() {
        return rateLimiter.tryAcquire(System.nanoTime());
    }

    /**
     * Queues one frame. A client whose queue would pass the bound, or whose frame would pass the
     * gateway's {@link OutboundBudget}, is closed with {@link CloseCodes#SLOW_CONSUMER} instead, so
     * a reader that never reads holds at most the bound and overload never exhausts the heap.
     */
    public void send(byte[] frame) {
        if (!isOpen()) {
            return;
        }
        // a queued write costs far more than its bytes (buffer, promise, future, callbacks):
        // counting only the bytes would let many small frames fill the heap before any bound
        long cost = frame.length + WRITE_OVERHEAD_BYTES;
        long queued = queuedBytes.addAndGet(cost);
        if (queued > maxQueuedBytes && queued != cost) {
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
        metrics.sent(frame.length);
        writer.write(frame, () -> written(cost));
    }

    /** Whether frames go straight to the Vert.x socket rather than through Quarkus's Mutiny API. */
    boolean writesDirectly() {
        return writer.direct();
    }

    private void written(long bytes) {
        queuedBytes.addAndGet(-bytes);
        budget.release(bytes);
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
