package dev.skein.gateway.auth;

import static org.awaitility.Awaitility.await;

import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A test client of {@code /ws/{docId}} that presents a token the way browsers can: as a second
 * subprotocol or as the {@code token} query parameter.
 */
final class AuthWsClient implements AutoCloseable {

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private final WebSocketClientConnection connection;

    private AuthWsClient(BasicWebSocketConnector connector) {
        this.connection = connector
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onBinaryMessage((c, buffer) -> received.add(MessageCodec.decode(buffer.getBytes())))
                .onClose((c, reason) -> closed.set(reason))
                .connectAndAwait();
    }

    /** Connects with {@code token} as a subprotocol next to {@code skein-auth}. */
    static AuthWsClient withSubprotocol(URI base, String docId, String token) {
        return new AuthWsClient(BasicWebSocketConnector.create().baseUri(base).path("/ws/" + docId)
                .addSubprotocol("skein-auth").addSubprotocol(token));
    }

    /** Connects with {@code token} in the query string. */
    static AuthWsClient withQuery(URI base, String docId, String token) {
        return new AuthWsClient(BasicWebSocketConnector.create().baseUri(base).path("/ws/" + docId + "?token=" + token));
    }

    /**
     * Connects with an {@code Authorization} header (which browsers cannot set on a WebSocket) and,
     * unless null, {@code token} as a subprotocol.
     */
    static AuthWsClient withAuthorizationHeader(URI base, String docId, String header, String token) {
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path("/ws/" + docId)
                .addHeader("Authorization", header);
        return new AuthWsClient(token == null ? connector : connector.addSubprotocol("skein-auth").addSubprotocol(token));
    }

    /** Connects without a token. */
    static AuthWsClient anonymous(URI base, String docId) {
        return new AuthWsClient(BasicWebSocketConnector.create().baseUri(base).path("/ws/" + docId));
    }

    void send(Message message) {
        connection.sendBinaryAndAwait(Buffer.buffer(MessageCodec.encode(message)));
    }

    List<Message> received() {
        return List.copyOf(received);
    }

    Message awaitMessage(Predicate<Message> condition) {
        AtomicReference<Message> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Message message : received) {
                if (condition.test(message)) {
                    found.set(message);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** The close code, waiting at most {@code within}. */
    int awaitCloseCode(Duration within) {
        await().atMost(within).until(() -> closed.get() != null);
        return closed.get().getCode();
    }

    boolean isClosed() {
        return closed.get() != null;
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.closeAndAwait();
        }
    }
}
