package dev.skein.loadtool.net;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens client connections, spread over a fixed number of Vert.x event-loop threads.
 *
 * <p>Why Vert.x core and not the JDK's {@code java.net.http.WebSocket}: both are asynchronous,
 * but measured here (100 documents x 100 updates/s against the stock y-websocket server) the
 * JDK client spent about 0.9 of a core on 20,000 messages a second, mostly in thread hand-offs
 * between its selector thread, its executor and its send scheduler (30,000 context switches a
 * second). On a two-core machine that also runs the server under test, that would make the
 * generator the bottleneck. Netty's event loops read, decode and write on one thread per
 * connection. Only vertx-core is used (no Quarkus): the tool is a plain {@code main}.
 */
public final class Connector implements AutoCloseable {

    /** Large enough for a sync step 2 of a big document (B4 is ~0.3 MB) with room to spare. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** zlib level of what clients compress: Chromium's (zlib's default). */
    static final int COMPRESSION_LEVEL = 6;
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** Vert.x caps WebSockets per server at 50 by default, queueing the rest; the idle scenario opens 1,000. */
    private static final int MAX_CONNECTIONS = 1_000_000;
    private static final int CLOSING_TIMEOUT_SECONDS = 2;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final WebSocketClient client;
    private final boolean compression;
    private final AtomicInteger openedCount = new AtomicInteger();
    private final AtomicInteger deflating = new AtomicInteger();

    /**
     * @param ioThreads event-loop threads the connections are spread over
     * @param connectTimeout bound of one TCP connect
     * @param compression offer permessage-deflate as browsers do ({@code permessage-deflate;
     *     client_no_context_takeover; client_max_window_bits}), compress what is sent and inflate
     *     what arrives compressed once a server agrees; false: offer no extension (what the JDK
     *     client does)
     */
    public Connector(int ioThreads, Duration connectTimeout, boolean compression) {
        this(ioThreads, connectTimeout, compression, 0);
    }

    /**
     * As {@link #Connector(int, Duration, boolean)}, with the sockets' send buffer fixed at
     * {@code sendBufferBytes} (0: the kernel's autotuned default). A client that writes as fast as
     * its socket takes fills an autotuned loopback buffer with megabytes (over a hundred thousand
     * keystrokes, each compressed first) before it is held back: load-tool CPU taken from the
     * measured readers on the same machine, which another person's browser would spend on theirs.
     */
    public Connector(int ioThreads, Duration connectTimeout, boolean compression, int sendBufferBytes) {
        this.compression = compression;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.max(1, ioThreads))
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        // Netty offers client_max_window_bits only when it can honour a server's smaller window,
        // which takes JZlib on the classpath (a dependency of this module), as Chromium offers it.
        // Like Chromium (and Node's ws) the client accepts a server that answers with
        // client_no_context_takeover (RFC 7692 7.1.1.2 allows it unasked); Netty accepts it only if
        // it offers the parameter itself, so the offer is Chromium's plus client_no_context_takeover.
        // A server that does not want it ignores it; none of the servers measured answers
        // differently for it. Vert.x's per-frame (x-webkit-deflate-frame) offer is off, as in browsers.
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(MAX_CONNECTIONS)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxFrameSize(MAX_FRAME_BYTES)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setClosingTimeout(CLOSING_TIMEOUT_SECONDS)
                .setTryUsePerMessageCompression(compression)
                .setCompressionLevel(COMPRESSION_LEVEL)
                .setCompressionAllowClientNoContext(true)
                .setTryUsePerFrameCompression(false)
                .setSendBufferSize(sendBufferBytes > 0 ? sendBufferBytes : -1)
                .setTcpNoDelay(true));
    }

    /** Whether connections offer permessage-deflate. */
    public boolean offersCompression() {
        return compression;
    }

    /** Connections opened so far. */
    public int openedConnections() {
        return openedCount.get();
    }

    /** Connections opened so far on which the server agreed to permessage-deflate. */
    public int deflatingConnections() {
        return deflating.get();
    }

    /**
     * Starts the opening handshake; the future completes once the connection is open (its
     * handler's {@code onOpen} has run) and fails if the server refuses or does not answer.
     */
    public CompletableFuture<WsConnection> open(URI uri, WsConnection.Handler handler) {
        ClientWebSocket socket = client.webSocket();
        WsConnection connection = new WsConnection(socket, handler);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80))
                .setSsl("wss".equals(uri.getScheme()))
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        CompletableFuture<WsConnection> opened = new CompletableFuture<>();
        socket.connect(options).onComplete(result -> {
            if (result.succeeded()) {
                openedCount.incrementAndGet();
                if (connection.attach(result.result())) {
                    deflating.incrementAndGet();
                }
                connection.opened();
                opened.complete(connection);
            } else {
                opened.completeExceptionally(result.cause());
            }
        });
        return opened;
    }

    /** Closes every connection still open and stops the event loops (bounded wait). */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // The process is about to exit or the test to end; event-loop threads left behind are harmless.
        }
    }
}
