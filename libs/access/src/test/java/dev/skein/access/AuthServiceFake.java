package dev.skein.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint and auth-service's role route on one local HTTP server, counting calls: enough
 * to pin the lookups' caching and retries (the services' tests use the real auth-service and
 * Keycloak, and the real OIDC client). {@link #tokenClient()} stands in for the Quarkus OIDC client
 * a service creates, which needs a running Quarkus application.
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

    /**
     * An {@link OidcClient} asking this server's token endpoint for a client-credentials grant, as
     * the Quarkus OIDC client asks the realm's: lazily, a non-200 answer failing with
     * {@link OidcClientException}.
     */
    OidcClient tokenClient() {
        HttpClient http = HttpClient.newHttpClient();
        URI tokenUrl = URI.create(settings().tokenUrl());
        return new OidcClient() {
            @Override
            public Uni<Tokens> getTokens(Map<String, String> additionalGrantParameters) {
                HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
                return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                        .map(response -> {
                            if (response.statusCode() != 200) {
                                throw new OidcClientException(response.body());
                            }
                            JsonObject grant = new JsonObject(response.body());
                            long expiresAt = Instant.now().getEpochSecond() + grant.getLong("expires_in");
                            return new Tokens(grant.getString("access_token"), expiresAt, null, null, null, grant,
                                    "skein-test");
                        });
            }

            @Override
            public Uni<Tokens> refreshTokens(String refreshToken, Map<String, String> additionalGrantParameters) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Uni<Boolean> revokeAccessToken(String accessToken, Map<String, String> additionalParameters) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
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
