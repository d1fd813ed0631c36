package dev.skein.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint and auth-service's role route on one local HTTP server, counting calls: enough
 * to pin the lookups' caching and retries (the services' tests use the real auth-service and
 * Keycloak).
 */
final class AuthServiceFake implements AutoCloseable {

    final AtomicInteger tokenCalls = new AtomicInteger();
    final AtomicInteger roleCalls = new AtomicInteger();
    final Map<String, String> roles = new ConcurrentHashMap<>();
    volatile int roleStatus = 200;
    volatile int tokenStatus = 200;
    /** Tokens the role route refuses with 401 (as after a key rotation). */
    final Map<String, Boolean> refusedTokens = new ConcurrentHashMap<>();
    /** Runs while a role request is being answered, before the answer is sent. */
    volatile Runnable whileAnswering = () -> { };
    /** Holds token answers until released. */
    volatile CountDownLatch tokenGate = new CountDownLatch(0);
    private final HttpServer server;

    AuthServiceFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/token", exchange -> {
            int n = tokenCalls.incrementAndGet();
            try {
                tokenGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, tokenStatus, "{\"access_token\":\"token-" + n + "\",\"expires_in\":300}");
        });
        server.createContext("/documents/", exchange -> {
            roleCalls.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || refusedTokens.containsKey(auth.substring("Bearer ".length()))) {
                answer(exchange, 401, "{}");
                return;
            }
            String doc = exchange.getRequestURI().getPath().split("/")[2];
            String role = roles.getOrDefault(doc, "none");
            whileAnswering.run();
            answer(exchange, roleStatus, "{\"role\":\"" + role + "\"}");
        });
        server.start();
    }

    AccessSettings settings() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new AccessSettings(base + "/", base + "/token", "skein-test", "secret", Duration.ofSeconds(2),
                Duration.ofMinutes(1));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
