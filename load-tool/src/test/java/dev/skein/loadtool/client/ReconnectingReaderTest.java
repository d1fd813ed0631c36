package dev.skein.loadtool.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.loadtool.net.Connector;
import dev.skein.loadtool.protocol.Target;
import dev.skein.loadtool.protocol.YWebsocketFormat;
import dev.skein.loadtool.text.TextUpdates;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream scenario's reader against a WebSocket server that closes it: it comes back after a
 * transient close code, as y-websocket 3.1 does, and stops for good after a 4400–4499 one.
 */
class ReconnectingReaderTest {

    private static final byte[] FIRST = TextUpdates.insert(7, 0, null, null, "t", "ab");
    private static final byte[] SECOND = TextUpdates.insert(7, 2, null, null, "t", "cd");

    private final AtomicInteger connections = new AtomicInteger();
    private final List<Integer> closeCodes = List.of(4508, 4403);
    private Vertx vertx;
    private HttpServer server;
    private Connector connector;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        // connection n sends what it has (a sync answer, then one update) and closes with the n-th code
        server = vertx.createHttpServer().webSocketHandler(this::serve).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        connector = new Connector(1, Duration.ofSeconds(5), true);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void serve(ServerWebSocket socket) {
        int n = connections.getAndIncrement();
        socket.binaryMessageHandler(first -> {
            socket.writeBinaryMessage(Buffer.buffer(MessageCodec.encode(new SyncStep2(n == 0 ? TextUpdates.EMPTY_UPDATE : FIRST))));
            socket.writeBinaryMessage(Buffer.buffer(MessageCodec.encode(new SyncUpdate(n == 0 ? FIRST : SECOND))));
            socket.binaryMessageHandler(null);
            vertx.setTimer(50, t -> socket.close(closeCodes.get(Math.min(n, closeCodes.size() - 1)).shortValue()));
        });
    }

    @Test
    void reconnectsAfterATransientCloseAndStopsAfterARefusal() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        Target target = new Target("ws://127.0.0.1:" + server.actualPort() + "/{doc}", Optional.empty(),
                new YWebsocketFormat());
        ReconnectingReader reader = new ReconnectingReader(target, "d", connector,
                (update, arrivalNanos, syncReply) -> received.add(update));
        try {
            reader.connectAndSync().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(reader::gaveUp);

            assertEquals(1, reader.reconnects());
            assertEquals(Map.of(4508, 1, 4403, 1), reader.closeCodes());
            assertEquals(4, received.size(), "both connections' sync answers and updates");
            // a refusal is final: no third connection, however long one waits
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> connections.get() == 2);
        } finally {
            reader.close();
        }
    }

    @Test
    void closingItStopsReconnecting() throws Exception {
        Target target = new Target("ws://127.0.0.1:" + server.actualPort() + "/{doc}", Optional.empty(),
                new YWebsocketFormat());
        ReconnectingReader reader = new ReconnectingReader(target, "d", connector, (update, arrivalNanos, syncReply) -> { });
        reader.connectAndSync().get(10, TimeUnit.SECONDS);
        reader.close();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> connections.get() == 1);
        assertEquals(0, reader.reconnects());
        assertFalse(reader.gaveUp());
        assertTrue(reader.closeCodes().isEmpty());
    }
}
