package dev.skein.loadtool.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.impl.WebSocketInternal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client WebSocket connection. Inbound messages arrive whole (Vert.x joins fragments) on the
 * connection's event-loop thread and are stamped with their arrival time, which is what delivery
 * latency is measured against. Frames may be sent from any thread; Vert.x queues them in order.
 */
public final class WsConnection {

    /** What happens on a connection; every call for one connection comes from its event-loop thread. */
    public interface Handler {

        /** The handshake completed; frames may be sent. */
        void onOpen(WsConnection connection);

        /**
         * One complete binary message. May come before {@link #onOpen} when the server writes
         * right after its handshake response, hence the connection to answer on.
         */
        void onFrame(WsConnection connection, byte[] frame, long arrivalNanos);

        /** The connection ended (code 1006 when it broke without a close frame). */
        void onClosed(int code, String reason);
    }

    /** Close code used locally when the connection broke without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private static final short NORMAL_CLOSURE = 1000;

    private static final Pattern CLIENT_WINDOW_BITS = Pattern.compile("client_max_window_bits\\s*=\\s*\"?(\\d+)");

    private final ClientWebSocket socket;
    private final Handler handler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong wireBytesReceived = new AtomicLong();
    private volatile boolean deflate;

    /** Wires the handlers before the socket connects, so that no early message is missed. */
    WsConnection(ClientWebSocket socket, Handler handler) {
        this.socket = socket;
        this.handler = handler;
        socket.binaryMessageHandler(this::onMessage);
        // Neither protocol sends text; such messages are read and dropped.
        socket.textMessageHandler(text -> { });
        socket.closeHandler(ignored -> {
            Short code = socket.closeStatusCode();
            ended(code == null ? ABNORMAL_CLOSURE : code, socket.closeReason());
        });
        socket.exceptionHandler(failure -> {
            // A protocol or I/O error: the connection is no longer usable.
            ended(ABNORMAL_CLOSURE, String.valueOf(failure.getMessage()));
            socket.close();
        });
    }

    /**
     * Counts, from now on, every byte this connection reads from its socket (before inflating),
     * and tells whether the server agreed to permessage-deflate.
     */
    boolean attach(WebSocket connected) {
        String extensions = connected.headers() == null ? null : connected.headers().get("sec-websocket-extensions");
        String agreed = extensions == null ? "" : extensions.toLowerCase(Locale.ROOT);
        deflate = agreed.contains("permessage-deflate");
        if (connected instanceof WebSocketInternal internal) {
            ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
            pipeline.addFirst("wire-bytes", new WireBytes(wireBytesReceived));
            if (deflate) {
                useOwnCodecs(pipeline, agreed);
            }
        }
        return deflate;
    }

    /**
     * Puts {@link MessageInflater} and {@link MessageDeflater} where Netty's permessage-deflate
     * codecs are (the deflater only where the client may use a full window: the JDK's writes 15-bit
     * windows only).
     */
    private static void useOwnCodecs(ChannelPipeline pipeline, String agreed) {
        Matcher windowBits = CLIENT_WINDOW_BITS.matcher(agreed);
        boolean fullWindow = !windowBits.find() || Integer.parseInt(windowBits.group(1)) == 15;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof WebSocketExtensionDecoder && !(handler instanceof MessageInflater)) {
                pipeline.replace(entry.getKey(), "message-inflater",
                    new MessageInflater(agreed.contains("server_no_context_takeover"), Connector.MAX_MESSAGE_BYTES));
            } else if (fullWindow && handler instanceof WebSocketExtensionEncoder && !(handler instanceof MessageDeflater)) {
                pipeline.replace(entry.getKey(), "message-deflater",
                    new MessageDeflater(agreed.contains("client_no_context_takeover"), Connector.COMPRESSION_LEVEL));
            }
        }
    }

    /** Called once the handshake completed. */
    void opened() {
        handler.onOpen(this);
    }

    /** Queues one binary frame; frames go out in the order they were queued. */
    public void send(byte[] frame) {
        if (closed.get()) {
            return;
        }
        socket.writeBinaryMessage(Buffer.buffer(frame));
    }

    /** Whether Vert.x holds more unsent bytes than its write queue bound (the peer is not reading). */
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    /** Runs {@code whenDrained} once, on the event loop, when the write queue has room again. */
    public void onDrain(Runnable whenDrained) {
        socket.drainHandler(ignored -> whenDrained.run());
    }

    /** Bytes of every complete inbound message so far (inflated). */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Bytes read from the socket since the handshake: what crossed the wire, compressed or not. */
    public long wireBytesReceived() {
        return wireBytesReceived.get();
    }

    /** Whether the server agreed to permessage-deflate on this connection. */
    public boolean deflate() {
        return deflate;
    }

    /** Whether the connection has ended. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Sends a normal close; the client's closing timeout (see {@link Connector}) drops the TCP
     * connection if the server does not answer. The connection counts as ended at once.
     */
    public void close() {
        if (ended(NORMAL_CLOSURE, "closed by the client")) {
            socket.close(NORMAL_CLOSURE);
        }
    }

    private void onMessage(Buffer message) {
        long arrival = System.nanoTime();
        byte[] frame = message.getBytes();
        bytesReceived.addAndGet(frame.length);
        handler.onFrame(this, frame, arrival);
    }

    /** Marks the connection ended; true for the first call only. */
    private boolean ended(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            handler.onClosed(code, reason == null ? "" : reason);
            return true;
        }
        return false;
    }
}
