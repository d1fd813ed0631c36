package dev.skein.access;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A service's own access token: the client-credentials grant of its service account, asked of the
 * realm's token endpoint by a Quarkus OIDC client (quarkus-oidc-client). Reused until shortly
 * before it expires; callers asking while a request is under way share that request; after a
 * service refused it, {@link #invalidate()} makes the next caller ask for a new one. Never blocks.
 *
 * <p>The OIDC client does the grant (form, client authentication, the token endpoint's answer and
 * its expiry); this class keeps the token between calls and bounds each request by the request
 * timeout, so a token endpoint that never answers cannot hold later callers.
 */
public class ServiceToken {

    /** A token this close to its expiry is renewed before use. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** The lifetime assumed when the token endpoint tells none (no {@code expires_in}, not a JWT). */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(60);
    /** The id of the OIDC client each service creates for its own token. */
    static final String CLIENT_ID = "skein-service-token";

    private record Issued(String token, Instant renewAt) {
    }

    private final Uni<OidcClient> client;
    private final Duration requestTimeout;
    private Issued current;
    private CompletableFuture<String> pending;

    /**
     * A token source asking {@code client}.
     *
     * @param requestTimeout how long one token request may take before it fails
     */
    public ServiceToken(OidcClient client, Duration requestTimeout) {
        this(Uni.createFrom().item(client), requestTimeout);
    }

    private ServiceToken(Uni<OidcClient> client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The token source of the client in {@code settings}: an OIDC client for its token endpoint,
     * client id and secret, created by {@code clients} when the first token is asked for (a service
     * whose authentication is off never creates it).
     */
    public static ServiceToken of(AccessSettings settings, OidcClients clients) {
        Uni<OidcClient> client = Uni.createFrom().deferred(() -> clients.newClient(clientConfig(settings)))
                .memoize().indefinitely();
        return new ServiceToken(client, settings.requestTimeout());
    }

    /**
     * The OIDC client of {@code settings}: the client-credentials grant at the absolute token URL (no
     * discovery, so nothing is asked of the realm before the first token), the secret sent as form
     * parameters ({@code client_secret_post}), connections bounded by the request timeout.
     */
    static OidcClientConfig clientConfig(AccessSettings settings) {
        return OidcClientConfig.builder()
                .id(CLIENT_ID)
                .tokenPath(settings.tokenUrl())
                .discoveryEnabled(false)
                .clientId(settings.clientId())
                .credentials().clientSecret(settings.clientSecret(), Secret.Method.POST).end()
                .grant(OidcClientConfig.Grant.Type.CLIENT)
                .connectionTimeout(settings.requestTimeout())
                .build();
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
        return client.flatMap(OidcClient::getTokens)
                .ifNoItem().after(requestTimeout).fail()
                .map(this::remember)
                .onFailure(failure -> !(failure instanceof AuthUnavailableException))
                // the failure's text may quote the token endpoint's error answer; it never holds a token
                .transform(failure -> new AuthUnavailableException("no token from the token endpoint: " + failure, failure))
                .subscribeAsCompletionStage();
    }

    private String remember(Tokens tokens) {
        String token = tokens.getAccessToken();
        if (token == null) {
            throw new AuthUnavailableException("token endpoint answered without an access token", null);
        }
        Instant expiresAt = tokens.getAccessTokenExpiresAt() != null
                ? Instant.ofEpochSecond(tokens.getAccessTokenExpiresAt()) : Instant.now().plus(UNKNOWN_LIFETIME);
        synchronized (this) {
            current = new Issued(token, expiresAt.minus(RENEW_BEFORE));
        }
        return token;
    }
}
