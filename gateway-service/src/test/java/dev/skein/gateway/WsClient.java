package dev.skein.gateway;

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

/** A test client of {@code /ws/{docId}} that records every decoded message and the close reason. */
public final class WsClient implements AutoCloseable {

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private final WebSocketClientConnection connection;

    private WsClient(URI base, String docId) {
        this.connection = BasicWebSocketConnector.create()
            .baseUri(base)
            .path("/ws/" + docId)
            .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
            .customizeOptions((connect, options) -> options.setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20))
            .onBinaryMessage((c, buffer) -> received.add(MessageCodec.decode(buffer.getBytes())))
            .onClose((c, reason) -> closed.set(reason))
            .connectAndAwait();
    }

    /** Connects to a document. */
    public static WsClient connect(URI base, String docId) {
        return new WsClient(base, docId);
    }

    /** Sends a message. */
    public void send(Message message) {
        sendRaw(MessageCodec.encode(message));
    }

    /** Sends raw bytes as one binary message. */
    public void sendRaw(byte[] frame) {
        connection.sendBinaryAndAwait(Buffer.buffer(frame));
    }

    /** Messages received so far. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    /** Waits for a received message matching {@code condition}, and returns it. */
    public Message awaitMessage(Predicate<Message> condition) {
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

    /** Waits until the server closes the connection and returns its close code. */
    public int awaitCloseCode() {
        await().atMost(Duration.ofSeconds(20)).until(() -> closed.get() != null);
        return closed.get().getCode();
    }

    /** Whether the connection is closed. */
    public boolean isClosed() {
        return closed.get() != null || connection.isClosed();
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.closeAndAwait();
        }
    }
}
