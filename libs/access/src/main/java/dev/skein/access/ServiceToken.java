package dev.skein.access;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A service's own access token: the client-credentials grant of its service account. Reused until
 * shortly before it expires; callers asking while a request is under way share that request.
 * Never blocks.
 */
public class ServiceToken {

    /** A token this close to its expiry is renewed before use. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private record Issued(String token, Instant renewAt) {
    }

    private final AccessSettings settings;
    private final HttpClient http;
    private Issued current;
    private CompletableFuture<String> pending;

    /** A token source for the client in {@code settings}. */
    public ServiceToken(AccessSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /**
     * A valid token: the cached one, or a new one when it is missing or about to expire.
     *
     * @return completes with the token, or fails with {@link AuthUnavailableException}
     */
    public synchronized CompletableFuture<String> get() {
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return CompletableFuture.completedFuture(current.token());
        }
        if (pending == null) {
            CompletableFuture<String> request = request();
            pending = request;
            request.whenComplete((token, failure) -> settled(request));
        }
        return pending;
    }

    /** Drops the cached token, after a service refused it (revoked, or the realm's keys rotated). */
    public synchronized void invalidate() {
        current = null;
    }

    private synchronized void settled(CompletableFuture<String> request) {
        if (pending == request) {
            pending = null;
        }
    }

    private CompletableFuture<String> request() {
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                throw new AuthUnavailableException("token endpoint unreachable: " + failure.getMessage(), failure);
            }
            if (response.statusCode() != 200) {
                // an error body may describe the client; it never holds a token
                throw new AuthUnavailableException("token endpoint answered " + response.statusCode(), null);
            }
            return remember(response.body());
        });
    }

    private String remember(String body) {
        JsonObject answer;
        try {
            answer = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new AuthUnavailableException("token endpoint answered no JSON", e);
        }
        String token = answer.getString("access_token");
        if (token == null) {
            throw new AuthUnavailableException("token endpoint answered without an access token", null);
        }
        long lifetime = answer.getLong("expires_in", 60L);
        synchronized (this) {
            current = new Issued(token, Instant.now().plusSeconds(lifetime).minus(RENEW_BEFORE));
        }
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
