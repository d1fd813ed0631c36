package dev.skein.gateway.awareness;

import dev.skein.gateway.auth.AuthConfig;
import dev.skein.access.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks presence-service for the current awareness of a document
 * ({@code GET /docs/{id}/awareness}): a y-protocols awareness update, or nothing when nobody is
 * there. While authentication is on, the request carries the gateway's service token
 * ({@link ServiceToken}: realm role {@code skein-service}, audience {@code skein-presence}), with
 * which presence-service shows every document. Fails on a timeout, an error status, no token, or
 * when no presence URL is configured, so that the caller falls back.
 *
 * <p>The call blocks (for at most {@code presence-timeout}, and as long again for a new token):
 * it runs on a worker thread. The HTTP client's {@code sendAsync} completes every call through
 * {@code CompletableFuture}'s default executor, which, where the common pool has fewer than two
 * threads (machines and containers of two cores or fewer), starts a new thread per task: a
 * thread created and destroyed for every join, found in the gateway's profile. {@code send} has
 * no such step.
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

    /**
     * The document's awareness, empty when presence-service knows nobody in it.
     *
     * @throws PresenceUnavailableException when presence-service did not answer usefully in time
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    public Optional<byte[]> awarenessOf(String docId) throws InterruptedException {
        if (baseUrl.isEmpty()) {
            throw new PresenceUnavailableException("no presence URL configured", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.get().resolve("/docs/" + docId + "/awareness"))
            .timeout(timeout)
            .GET();
        if (authenticated) {
            request.header("Authorization", "Bearer " + token());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PresenceUnavailableException("presence-service unreachable: " + e.getMessage(), e);
        }
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        if (response.statusCode() == 401 && authenticated) {
            // revoked, or the realm's keys rotated: the next join asks for a new token
            serviceToken.invalidate();
        }
        if (response.statusCode() != 200) {
            throw new PresenceUnavailableException("presence-service answered " + response.statusCode(), null);
        }
        return Optional.of(response.body());
    }

    private String token() throws InterruptedException {
        try {
            return serviceToken.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PresenceUnavailableException("no service token: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PresenceUnavailableException("no service token within " + timeout, e);
        }
    }

    /** presence-service could not be asked, or did not answer usefully. */
    public static final class PresenceUnavailableException extends RuntimeException {

        PresenceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
