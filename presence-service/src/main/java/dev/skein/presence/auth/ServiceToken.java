package dev.skein.presence.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * presence-service's own access token (client-credentials grant of its service account, realm
 * role {@code skein-service}, audience {@code skein-auth}), with which it asks auth-service for
 * people's roles. Requested from the realm of {@code quarkus.oidc.auth-server-url} and reused until
 * shortly before it expires; callers asking while a request is under way share it. Never blocks.
 */
@ApplicationScoped
public class ServiceToken {

    /** A token this close to its expiry is renewed before use. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private record Issued(String token, Instant renewAt) {
    }

    private final PresenceAuthConfig config;
    private final Optional<String> realmUrl;
    private final ObjectMapper json;
    private final HttpClient http;
    private Issued current;
    private CompletableFuture<String> pending;

    ServiceToken(PresenceAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl, ObjectMapper json) {
        this.config = config;
        this.realmUrl = realmUrl;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** A valid token: the cached one, or a new one when it is missing or about to expire. */
    public synchronized CompletableFuture<String> get() {
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return CompletableFuture.completedFuture(current.token());
        }
        if (pending == null) {
            CompletableFuture<String> request;
            try {
                request = request();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new AuthUnavailableException(e.getMessage(), e));
            }
            pending = request;
            request.whenComplete((token, failure) -> settled(request));
        }
        return pending;
    }

    /** Drops the cached token, after auth-service refused it (revoked, or the realm's keys rotated). */
    public synchronized void invalidate() {
        current = null;
    }

    private synchronized void settled(CompletableFuture<String> request) {
        if (pending == request) {
            pending = null;
        }
    }

    private CompletableFuture<String> request() {
        String url = realmUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "")).orElseThrow(() ->
                new IllegalStateException("quarkus.oidc.auth-server-url is required")) + "/protocol/openid-connect/token";
        String secret = config.clientSecret().orElseThrow(() -> new IllegalStateException(
                "skein.presence.auth.client-secret is required while authentication is on"));
        String form = "grant_type=client_credentials&client_id=" + encode(config.clientId())
                + "&client_secret=" + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new AuthUnavailableException("token endpoint unreachable: " + failure.getMessage(), failure);
                    }
                    if (response.statusCode() != 200) {
                        // the body may describe the client; it never holds a token on an error
                        throw new AuthUnavailableException("token endpoint answered " + response.statusCode(), null);
                    }
                    return remember(response.body());
                });
    }

    private String remember(String body) {
        try {
            JsonNode answer = json.readTree(body);
            String token = answer.path("access_token").asText(null);
            if (token == null) {
                throw new AuthUnavailableException("token endpoint answered without an access token", null);
            }
            long lifetime = answer.path("expires_in").asLong(60);
            synchronized (this) {
                current = new Issued(token, Instant.now().plusSeconds(lifetime).minus(RENEW_BEFORE));
            }
            return token;
        } catch (IOException e) {
            throw new AuthUnavailableException("token endpoint answered no JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
