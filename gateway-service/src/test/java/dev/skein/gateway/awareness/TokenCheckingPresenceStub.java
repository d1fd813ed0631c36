package dev.skein.gateway.awareness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.testkit.net.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;

/**
 * Plays presence-service with authentication on: {@code GET /docs/{id}/awareness} answers
 * {@link PresenceStub#KNOWN} only to a bearer token that is meant for presence-service (audience
 * {@code skein-presence}) and holds the realm role {@code skein-service}, what the real
 * presence-service needs to show a caller every document; 401 otherwise, and to documents named
 * {@code refused-…} (as for a revoked token). Signatures are checked by the real presence-service
 * (its PresenceAuthTest); this stub checks which token the gateway sends.
 */
final class TokenCheckingPresenceStub {

    private TokenCheckingPresenceStub() {
    }

    /** Starts a stub on a free loopback port and returns its base URL; it lives as long as the JVM. */
    static String start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePorts.loopback(), FreePorts.freePort()), 0);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "presence-token-stub");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/docs/", TokenCheckingPresenceStub::answer);
            server.start();
            return "http://" + FreePorts.LOOPBACK_HOST + ":" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String docId = exchange.getRequestURI().getPath().split("/")[2];
        if (docId.startsWith("refused-") || !serviceTokenForPresence(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, PresenceStub.KNOWN.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(PresenceStub.KNOWN);
        }
    }

    private static boolean serviceTokenForPresence(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return claims.contains("\"skein-presence\"") && claims.contains("\"skein-service\"");
    }
}
