package dev.skein.gateway.awareness;

import dev.skein.gateway.auth.AuthConfig;
import dev.skein.access.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks presence-service for the current awareness of a document
 * ({@code GET /docs/{id}/awareness}): a y-protocols awareness update, or nothing when nobody is
 * there. While authentication is on, the request carries the gateway's service token
 * ({@link ServiceToken}: realm role {@code skein-service}, audience {@code skein-presence}), with
 * which presence-service shows every document. Fails (the future completes exceptionally) on a
 * timeout, an error status, no token, or when no presence URL is configured, so that the caller
 * falls back. Called on a worker thread (the token may have to be fetched first, and the HTTP
 * client does part of each request's work on the calling thread).
 */
@ApplicationScoped
public class PresenceClient {

    private final Optional<URI> baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final boolean authenticated;
    private final ServiceToken serviceToken;

    PresenceClient(AwarenessConfig config, AuthConfig auth, ServiceToken serviceToken) {
        this.baseUrl = config.presenceUrl();
        this.timeout = config.presenceTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.authenticated = auth.enabled();
        this.serviceToken = serviceToken;
    }

    /** The document's awareness, empty when presence-service knows nobody in it. */
    public CompletableFuture<Optional<byte[]>> awarenessOf(String docId) {
        if (baseUrl.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no presence URL configured"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.get().resolve("/docs/" + docId + "/awareness"))
            .timeout(timeout)
            .GET();
        if (authenticated) {
            return serviceToken.get().thenCompose(token -> ask(request.header("Authorization", "Bearer " + token)));
        }
        return ask(request);
    }

    private CompletableFuture<Optional<byte[]>> ask(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .thenApply(response -> {
                if (response.statusCode() == 204) {
                    return Optional.empty();
                }
                if (response.statusCode() == 401 && authenticated) {
                    // revoked, or the realm's keys rotated: the next join asks for a new token
                    serviceToken.invalidate();
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("presence-service answered " + response.statusCode());
                }
                return Optional.of(response.body());
            });
    }
}
