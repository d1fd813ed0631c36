package dev.skein.gateway.session;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;

/**
 * Writes binary frames to one connection's Vert.x socket directly.
 *
 * <p>{@link WebSocketConnection#sendBinary} wraps every write in a Mutiny {@code Uni}, a
 * {@code CompletableFuture} and a captured context (seen in heap histograms and profiles, part
 * of the ~1 KiB a queued write took); the gateway writes tens of thousands of frames a second, and
 * those allocations set how often its young collections pause delivery. The socket comes from
 * {@link DirectSocket}; where it cannot be reached, frames go through {@code sendBinary}. Direct
 * writes bypass Quarkus's optional WebSocket traffic logging.
 */
final class FrameWriter {

    private final WebSocketConnection connection;
    private final WebSocketBase socket;

    private FrameWriter(WebSocketConnection connection, WebSocketBase socket) {
        this.connection = connection;
        this.socket = socket;
    }

    /** A writer for {@code connection}: direct to {@code socket} when not null, else through Quarkus. */
    static FrameWriter of(WebSocketConnection connection, WebSocketBase socket) {
        return new FrameWriter(connection, socket);
    }

    /** Whether frames go straight to the Vert.x socket. */
    boolean direct() {
        return socket != null;
    }

    /** Writes one binary frame; {@code done} runs once it was written or failed. */
    void write(byte[] frame, Runnable done) {
        Buffer buffer = Buffer.buffer(frame);
        if (socket != null) {
            socket.writeBinaryMessage(buffer).onComplete(result -> done.run());
        } else {
            connection.sendBinary(buffer).subscribe().with(ok -> done.run(), failure -> done.run());
        }
    }

}
