package dev.skein.loadtool.client;

import dev.skein.loadtool.net.Connector;
import dev.skein.loadtool.net.WsConnection;
import dev.skein.loadtool.protocol.Inbound;
import dev.skein.loadtool.protocol.Target;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Yjs client of one document, behaving on the wire as the stock {@code y-websocket} provider
 * does (or {@code @hocuspocus/provider}, with that format): on open it sends its sync step 1 (after
 * Hocuspocus's auth message), answers the server's sync step 1 with a sync step 2, and hands every
 * received sync step 2 and update to its {@link Listener}. Awareness is neither sent nor tracked.
 */
public final class YClient implements WsConnection.Handler {

    /** Receives a client's document traffic, on the connection's callback thread. */
    public interface Listener {

        /**
         * One received update.
         *
         * @param syncReply true for the server's sync step 2, false for a broadcast update
         */
        void onUpdate(byte[] update, long arrivalNanos, boolean syncReply);

        /** The connection ended. */
        default void onClosed(int code, String reason) {
        }
    }

    private final Target target;
    private final String docName;
    private final Listener listener;
    private final OwnUpdates own = new OwnUpdates();
    private final CompletableFuture<Long> synced = new CompletableFuture<>();
    private final AtomicLong malformed = new AtomicLong();
    private volatile WsConnection connection;
    private volatile String deniedReason;

    public YClient(Target target, String docName, Listener listener) {
        this.target = target;
        this.docName = docName;
        this.listener = listener;
    }

    /** Opens the connection; completes when the handshake is done (sync may still be under way). */
    public CompletableFuture<YClient> connect(Connector connector) {
        return connector.open(target.uri(docName), this).thenApply(c -> this);
    }

    /** Completes with the arrival time (System.nanoTime) of the first sync step 2. */
    public CompletableFuture<Long> synced() {
        return synced;
    }

    /**
     * Sends a local update to the server, then keeps it for sync answers: keeping it merges the
     * kept updates now and then, which must not delay the update (its latency is timed from
     * before this call; a merge before the send added ~15 ms to every 1,000th update).
     */
    public void sendUpdate(byte[] update) {
        send(MessageCodec.encode(new SyncUpdate(update)));
        own.add(update);
    }

    /**
     * Sends an update without keeping it: for a client that only writes and will not answer a
     * later sync request with it (keeping costs a merge every 1,000 updates).
     */
    public void sendUnkept(byte[] update) {
        send(MessageCodec.encode(new SyncUpdate(update)));
    }

    /** Sends a normal close. */
    public void close() {
        WsConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        WsConnection c = connection;
        return c != null && !c.isClosed();
    }

    /** Whether what was sent waits for the server to read it (a sender should hold back). */
    public boolean writeQueueFull() {
        WsConnection c = connection;
        return c != null && c.writeQueueFull();
    }

    /** Runs {@code whenDrained} (on the event loop) once the write queue has room again. */
    public void onDrain(Runnable whenDrained) {
        WsConnection c = connection;
        if (c != null) {
            c.onDrain(whenDrained);
        }
    }

    /** Bytes read from the socket so far, as they crossed the wire (compressed or not). */
    public long wireBytesReceived() {
        WsConnection c = connection;
        return c == null ? 0 : c.wireBytesReceived();
    }

    /** Bytes of every inbound message so far. */
    public long bytesReceived() {
        WsConnection c = connection;
        return c == null ? 0 : c.bytesReceived();
    }

    /** Inbound frames that could not be decoded. */
    public long malformed() {
        return malformed.get();
    }

    /** The document name. */
    public String docName() {
        return docName;
    }

    @Override
    public void onOpen(WsConnection opened) {
        connection = opened;
        target.format().opening(docName, target.token()).forEach(opened::send);
        send(MessageCodec.encode(new SyncStep1(own.stateVector())));
    }

    @Override
    public void onFrame(WsConnection from, byte[] frame, long arrivalNanos) {
        if (connection == null) {
            connection = from;
        }
        Inbound inbound;
        try {
            inbound = target.format().unwrap(frame);
        } catch (YDecodingException e) {
            malformed.incrementAndGet();
            return;
        }
        if (inbound instanceof Inbound.YMessage y) {
            onMessage(y.message(), arrivalNanos);
        } else if (inbound instanceof Inbound.Reply reply) {
            connection.send(reply.frame());
        } else if (inbound instanceof Inbound.Denied denied) {
            deniedReason = denied.reason();
            close();
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        synced.completeExceptionally(new IllegalStateException("connection to " + docName + " closed (" + code + " "
                + reason + ") before sync" + (deniedReason == null ? "" : "; the server refused it: " + deniedReason)));
        listener.onClosed(code, reason);
    }

    private void onMessage(Message message, long arrivalNanos) {
        try {
            if (message instanceof SyncStep1 step1) {
                send(MessageCodec.encode(new SyncStep2(own.missingFor(step1.stateVector()))));
            } else if (message instanceof SyncStep2 step2) {
                listener.onUpdate(step2.update(), arrivalNanos, true);
                synced.complete(arrivalNanos);
            } else if (message instanceof SyncUpdate update) {
                listener.onUpdate(update.update(), arrivalNanos, false);
            }
        } catch (YDecodingException e) {
            // A server that sends an update which does not decode: counted, and the client goes on.
            malformed.incrementAndGet();
        }
    }

    private void send(byte[] message) {
        WsConnection c = connection;
        if (c != null) {
            c.send(target.format().wrap(docName, message));
        }
    }
}
