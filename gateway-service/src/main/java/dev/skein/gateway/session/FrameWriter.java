package dev.skein.gateway.session;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Writes binary frames to one connection's Vert.x socket directly.
 *
 * <p>{@link WebSocketConnection#sendBinary} wraps every write in a Mutiny {@code Uni}, a
 * {@code CompletableFuture} and a captured context (seen in heap histograms and profiles, part
 * of the ~1 KiB a queued write took); the gateway writes tens of thousands of frames a second, and
 * those allocations set how often its young collections pause delivery. Quarkus keeps the socket
 * behind a package-private accessor, so it is looked up once by reflection; where that accessor is
 * missing (another Quarkus version) frames go through {@code sendBinary} as before, with one
 * warning at start. Direct writes bypass Quarkus's optional WebSocket traffic logging.
 */
final class FrameWriter {

    private static final Logger LOG = Logger.getLogger(FrameWriter.class);
    private static final Method SOCKET_ACCESSOR = socketAccessor();

    private final WebSocketConnection connection;
    private final WebSocketBase socket;

    private FrameWriter(WebSocketConnection connection, WebSocketBase socket) {
        this.connection = connection;
        this.socket = socket;
    }

    /** A writer for {@code connection}: direct when the socket can be reached, else through Quarkus. */
    static FrameWriter of(WebSocketConnection connection) {
        return new FrameWriter(connection, socketOf(connection));
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

    private static WebSocketBase socketOf(WebSocketConnection connection) {
        if (SOCKET_ACCESSOR == null || !SOCKET_ACCESSOR.getDeclaringClass().isInstance(connection)) {
            return null;
        }
        try {
            return (WebSocketBase) SOCKET_ACCESSOR.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("no direct socket for %s: %s", connection.id(), e);
            return null;
        }
    }

    private static Method socketAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase",
                false, WebSocketConnection.class.getClassLoader());
            Method accessor = base.getDeclaredMethod("webSocket");
            if (!WebSocketBase.class.isAssignableFrom(accessor.getReturnType())) {
                throw new NoSuchMethodException("webSocket() returns " + accessor.getReturnType());
            }
            accessor.setAccessible(true);
            return accessor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("frames go through WebSocketConnection.sendBinary (no socket accessor in this Quarkus: %s)", e);
            return null;
        }
    }
}
