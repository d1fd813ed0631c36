package dev.skein.gateway.session;

import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.channel.Channel;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Reaches the Vert.x socket behind a WebSockets Next connection. The gateway needs its Netty channel
 * twice: to write frames without a Mutiny {@code Uni} and a Vert.x frame per write
 * ({@link FrameWriter}), and to stop and restart reading from a client ({@link ReadGate}), which
 * {@link WebSocketConnection} does not offer. Quarkus keeps the socket behind a package-private accessor, looked up once by reflection;
 * a test pins that it is found with the Quarkus version in use. Where it is missing, callers fall
 * back to what the public API offers (and say so once at start).
 */
final class DirectSocket {

    private static final Logger LOG = Logger.getLogger(DirectSocket.class);
    private static final Method ACCESSOR = accessor();

    private DirectSocket() {
    }

    /** The connection's Vert.x socket, or null when this Quarkus version does not let us reach it. */
    static WebSocketBase of(WebSocketConnection connection) {
        if (ACCESSOR == null || !ACCESSOR.getDeclaringClass().isInstance(connection)) {
            return null;
        }
        try {
            return (WebSocketBase) ACCESSOR.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("no direct socket for %s: %s", connection.id(), e);
            return null;
        }
    }

    /**
     * The Netty channel under {@code socket}, or null. Vert.x Web hands WebSockets Next the socket
     * inside a wrapper (to report forwarded addresses) whose delegate is Vert.x's own socket; both
     * are looked through without changing anything.
     */
    static Channel channelOf(WebSocketBase socket) {
        Object current = socket;
        for (int depth = 0; depth < 3 && current != null; depth++) {
            if (current instanceof WebSocketInternal internal) {
                return internal.channelHandlerContext().channel();
            }
            current = delegateOf(current);
        }
        return null;
    }

    private static Object delegateOf(Object wrapper) {
        try {
            Field delegate = wrapper.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            return delegate.get(wrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method accessor() {
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
            LOG.warnf("no direct socket access in this Quarkus (%s): frames go through WebSocketConnection.sendBinary"
                + " and a client over the message rate is closed (4529) instead of paced", e);
            return null;
        }
    }
}
