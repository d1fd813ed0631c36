package dev.skein.gateway.session;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import org.jboss.logging.Logger;

/**
 * Lets go of a connection's upgrade request headers once it is admitted. Vert.x keeps them with
 * the socket for the connection's whole life (about a kilobyte per idle connection, more with
 * cookies), while the gateway reads them only to admit the connection.
 */
public final class HandshakeHeaders {

    private static final Logger LOG = Logger.getLogger(HandshakeHeaders.class);

    private HandshakeHeaders() {
    }

    /** Empties the upgrade request's headers of an admitted connection; nothing to do where the socket is out of reach. */
    public static void release(WebSocketConnection connection) {
        if (DirectSocket.of(connection) instanceof ServerWebSocket socket) {
            try {
                socket.headers().clear();
            } catch (RuntimeException e) {
                // a Vert.x whose request headers are read-only: they stay, nothing else changes
                LOG.debugf("upgrade headers of %s kept: %s", connection.id(), e);
            }
        }
    }

    /** Headers still held for the connection's upgrade request (tests); -1 where the socket is out of reach. */
    static int held(WebSocketConnection connection) {
        return DirectSocket.of(connection) instanceof ServerWebSocket socket ? socket.headers().size() : -1;
    }
}
