package dev.skein.persistence.it;

import dev.skein.persistence.TestUpdates;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An editor typing through a gateway as the stock y-websocket provider does: every keystroke is sent
 * as an update while connected and kept locally; after any disconnect it reconnects, and when the
 * server's sync step 1 arrives it answers with everything the server lacks. So what it typed reaches
 * the server whatever was killed in between, exactly as a browser's edits do.
 */
final class GatewayTypingClient {

    private static final String ALPHABET = "zyxwvutsrqponmlkjihgfedcba";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final long client;
    private final URI uri;
    private final StringBuilder typed = new StringBuilder();
    private final List<byte[]> own = new ArrayList<>();
    private final List<byte[]> received = new ArrayList<>();
    private WebSocket socket;
    private long connections;
    private long syncedConnection = -1;

    GatewayTypingClient(long client, String gatewayWs, String docId) {
        this.client = client;
        this.uri = URI.create(gatewayWs + "/" + docId);
    }

    long id() {
        return client;
    }

    /** Types the next character: kept locally, sent if connected. */
    synchronized void typeNext() {
        long clock = typed.length();
        String character = String.valueOf(ALPHABET.charAt((int) ((clock + client) % ALPHABET.length())));
        byte[] update = TestUpdates.text(client, clock, character);
        own.add(update);
        typed.append(character);
        if (socket != null) {
            send(socket, new SyncUpdate(update));
        }
    }

    /** Connects unless connected; a failure leaves it disconnected for the next try. */
    void ensureConnected() {
        synchronized (this) {
            if (socket != null) {
                return;
            }
        }
        WebSocket opened;
        try {
            opened = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
                .buildAsync(uri, new Listener()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return;
        }
        synchronized (this) {
            socket = opened;
            connections++;
            send(opened, new SyncStep1(Updates.encodeStateVectorFromUpdate(state())));
        }
    }

    /** Drops the connection (the next {@link #ensureConnected()} opens a new one and syncs again). */
    synchronized void disconnect() {
        if (socket != null) {
            socket.abort();
            socket = null;
        }
    }

    /** Whether the current connection has answered the server's sync step 1 (everything typed is sent). */
    synchronized boolean synced() {
        return socket != null && syncedConnection == connections;
    }

    synchronized String typed() {
        return typed.toString();
    }

    /** Everything this client knows: what it typed and what it received. */
    synchronized byte[] view() {
        List<byte[]> all = new ArrayList<>(own);
        all.addAll(received);
        return Updates.mergeUpdates(all);
    }

    private byte[] state() {
        return Updates.mergeUpdates(own);
    }

    private synchronized void handle(WebSocket from, byte[] frame) {
        if (from != socket) {
            return;
        }
        Message message = MessageCodec.decode(frame);
        if (message instanceof SyncStep1 step1) {
            send(from, new SyncStep2(Updates.diffUpdate(state(), step1.stateVector())));
            syncedConnection = connections;
        } else if (message instanceof SyncStep2 step2) {
            received.add(step2.update());
        } else if (message instanceof SyncUpdate update) {
            received.add(update.update());
        }
    }

    private synchronized void closed(WebSocket which) {
        if (which == socket) {
            socket = null;
        }
    }

    private void send(WebSocket to, Message message) {
        try {
            to.sendBinary(ByteBuffer.wrap(MessageCodec.encode(message)), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the connection broke: what was typed is resent after the next sync step 1
            to.abort();
            if (to == socket) {
                socket = null;
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                try {
                    handle(webSocket, frame);
                } catch (RuntimeException e) {
                    webSocket.abort();
                    closed(webSocket);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(webSocket);
        }
    }
}
