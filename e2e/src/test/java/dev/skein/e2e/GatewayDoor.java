package dev.skein.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Knocks at a gateway's WebSocket door ({@code /ws/{docId}}) the way a browser can carry a token:
 * as the second subprotocol ({@code ['skein-auth', token]}) or as {@code ?token=}. The gateway
 * accepts every upgrade and then either closes (4401 no/invalid token, 4403 no role, ...) or, for
 * an admitted connection, answers the client's SyncStep1.
 */
final class GatewayDoor {

    /** What came of a knock: the close code, or {@link #ADMITTED} when the gateway answered the sync. */
    static final int ADMITTED = 0;
    /** y-protocols SyncStep1 with an empty state vector: message type sync, step 1, vector {0}. */
    private static final byte[] SYNC_STEP_1 = {0, 0, 1, 0};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayDoor() {
    }

    /** Knocks without a token. */
    static int withoutToken(String wsBase, String docId) {
        return knock(URI.create(wsBase + "/" + docId), null);
    }

    /** Knocks with the token as the second subprotocol. */
    static int withSubprotocol(String wsBase, String docId, String token) {
        return knock(URI.create(wsBase + "/" + docId), token);
    }

    /** Knocks with the token as {@code ?token=}. */
    static int withQuery(String wsBase, String docId, String token) {
        return knock(URI.create(wsBase + "/" + docId + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
    }

    private static int knock(URI uri, String subprotocolToken) {
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocolToken != null) {
            builder.subprotocols("skein-auth", subprotocolToken);
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(Long.MAX_VALUE);
                webSocket.sendBinary(ByteBuffer.wrap(SYNC_STEP_1), true);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                outcome.complete(ADMITTED);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                outcome.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                outcome.completeExceptionally(error);
            }
        }).orTimeout(15, TimeUnit.SECONDS).join();
        try {
            return outcome.orTimeout(30, TimeUnit.SECONDS).join();
        } finally {
            socket.abort();
        }
    }
}
