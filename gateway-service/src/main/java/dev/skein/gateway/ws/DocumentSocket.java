package dev.skein.gateway.ws;

import dev.skein.gateway.ws.ConnectionHandler;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * The y-websocket endpoint: {@code new WebsocketProvider('ws://HOST:PORT/ws', docId, ydoc)}
 * connects to {@code /ws/{docId}}. Thin: everything happens in {@link ConnectionHandler}.
 * Messages of one connection are handled one at a time, in order.
 */
@WebSocket(path = "/ws/{docId}")
public class DocumentSocket {

    private static final Logger LOG = Logger.getLogger(DocumentSocket.class);

    private final ConnectionHandler handler;

    DocumentSocket(ConnectionHandler handler) {
        this.handler = handler;
    }

    // On the event loop: ConnectionHandler hands what may block to a worker itself.
    @OnOpen
    @NonBlocking
    Uni<Void> onOpen(WebSocketConnection connection) {
        return handler.open(connection, connection.pathParam("docId"));
    }

    // On the event loop: ConnectionHandler hands large messages to a worker itself (InboundLane).
    @OnBinaryMessage
    @NonBlocking
    void onMessage(Buffer message, WebSocketConnection connection) {
        handler.message(connection, message.getBytes());
    }

    @OnTextMessage
    void onText(String message, WebSocketConnection connection) {
        handler.textMessage(connection);
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        handler.closed(connection);
    }

    @OnError
    void onError(Throwable failure, WebSocketConnection connection) {
        LOG.debugf("connection %s failed: %s", connection.id(), failure);
        handler.failed(connection, failure);
    }
}
