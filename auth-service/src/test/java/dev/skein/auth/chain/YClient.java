package dev.skein.auth.chain;

import static org.awaitility.Awaitility.await;

import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A y-websocket peer over the JDK's WebSocket client, presenting its token as browsers do: as a
 * second subprotocol next to {@code skein-auth}.
 */
final class YClient implements WebSocket.Listener, AutoCloseable {

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger closeCode = new AtomicInteger(-1);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final WebSocket socket;

    private YClient(String wsBase, String docId, String token) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.subprotocols("skein-auth", token);
        }
        this.socket = builder.buildAsync(URI.create(wsBase + "/" + docId), this).join();
    }

    static YClient connect(String wsBase, String docId, String token) {
        return new YClient(wsBase, docId, token);
    }

    void send(Message message) {
        socket.sendBinary(ByteBuffer.wrap(MessageCodec.encode(message)), true).join();
    }

    List<Message> received() {
        return List.copyOf(received);
    }

    void awaitMessage(Message expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(expected));
    }

    int awaitCloseCode(Duration within) {
        await().atMost(within).until(() -> closeCode.get() >= 0);
        return closeCode.get();
    }

    boolean isClosed() {
        return closeCode.get() >= 0;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            received.add(MessageCodec.decode(partial.toByteArray()));
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.compareAndSet(-1, 1006);
    }

    @Override
    public void close() {
        if (!isClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
