package dev.skein.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Authentication and authorisation of connections ({@code skein.gateway.auth.*}). */
@ConfigMapping(prefix = "skein.gateway.auth")
public interface AuthConfig {

    /**
     * Whether connections must present a token. Off, every connection is {@code anonymous} with
     * write access (the embedded local run, until its development issuer exists).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The token issuer, e.g. {@code http://keycloak:8080/realms/skein}; required when enabled.
     * Its JWKS and token endpoints follow Keycloak's layout unless set below.
     */
    Optional<String> issuer();

    /** The JWKS URL; default {@code ISSUER/protocol/openid-connect/certs}. */
    Optional<String> jwksUrl();

    /** The token endpoint for the gateway's own client-credentials token; default Keycloak's. */
    Optional<String> tokenUrl();

    /** The audience a connection's token must carry. */
    @WithDefault("skein-gateway")
    String audience();

    /** Clock difference tolerated when checking expiry and issue time. */
    @WithDefault("5s")
    Duration clockSkew();

    /** The gateway's client id (its service account asks auth-service for roles). */
    @WithDefault("skein-gateway")
    String clientId();

    /** The gateway client's secret; required when enabled. */
    Optional<String> clientSecret();

    /** Base URL of auth-service. */
    @WithDefault("http://localhost:8085")
    String authServiceUrl();

    /**
     * How long a looked-up role is reused. ACL change events clear it at once; the bound only
     * matters for events this instance missed (e.g. while its consumer reconnected).
     */
    @WithDefault("10s")
    Duration roleCacheTtl();

    /** Timeout of one call to auth-service or to the token endpoint. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** The query parameter that may carry the token ({@code /ws/doc?token=...}). */
    @WithDefault("token")
    String queryParameter();

    /**
     * Whether a token in {@link #queryParameter()} is accepted (y-websocket's {@code params}
     * option puts it there). Off, only the subprotocol counts and a connection with a token in
     * its query alone is closed with 4401: for deployments whose proxies or load balancers log
     * query strings, which this gateway cannot keep out of their logs.
     */
    @WithDefault("true")
    boolean queryParameterTokens();

    /**
     * The WebSocket subprotocol a browser offers next to its token
     * ({@code new WebSocket(url, ['skein-auth', token])}); the server answers with it. Must be in
     * {@code quarkus.websockets-next.server.supported-subprotocols}.
     */
    @WithDefault("skein-auth")
    String subprotocol();
}
