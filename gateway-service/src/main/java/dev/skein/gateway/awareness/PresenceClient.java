package dev.skein.gateway.awareness;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks presence-service for the current awareness of a document
 * ({@code GET /docs/{id}/awareness}): a y-protocols awareness update, or nothing when nobody is
 * there. Fails (the future completes exceptionally) on a timeout, an error status or when no
 * presence URL is configured, so that the caller falls back.
 */
@ApplicationScoped
public class PresenceClient {

    private final Optional<URI> baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    PresenceClient(AwarenessConfig config) {
        this.baseUrl = config.presenceUrl();
        this.timeout = config.presenceTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The document's awareness, empty when presence-service knows nobody in it. */
    public CompletableFuture<Optional<byte[]>> awarenessOf(String docId) {
        if (baseUrl.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no presence URL configured"));
        }
        HttpRequest request = HttpRequest.newBuilder(baseUrl.get().resolve("/docs/" + docId + "/awareness"))
            .timeout(timeout)
            .GET()
            .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .thenApply(response -> {
                if (response.statusCode() == 204) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("presence-service answered " + response.statusCode());
                }
                return Optional.of(response.body());
            });
    }
}
