package dev.skein.doc.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether the REST API needs a token ({@code skein.doc.auth.*}). The checks themselves are
 * configuration ({@code application.properties}, block {@code ## Auth}): Quarkus OIDC validates
 * the bearer token (issuer, signature from the realm's JWKS, audience {@code skein-doc}, expiry)
 * and HTTP permissions require a valid token on {@code /docs/*} and the realm role
 * {@code skein-service} (reads: also {@code skein-admin}) elsewhere but {@code /q/health} and
 * {@code /q/metrics}. What a caller may do with a document is decided per call by
 * {@link dev.skein.doc.access.DocumentAccess}: services by realm role, people by their role on the
 * document at auth-service.
 */
@ConfigMapping(prefix = "skein.doc.auth")
public interface DocAuthConfig {

    /**
     * Whether callers need a token. Off, the API is open to whoever reaches the port (the embedded
     * local run, which has no Keycloak yet).
     */
    @WithDefault("true")
    boolean enabled();

    /** Base URL of auth-service, asked for a person's role on a document. */
    @WithDefault("http://localhost:8085")
    String authServiceUrl();

    /** This service's client id: its service account (realm role {@code skein-service}) asks auth-service for roles. */
    @WithDefault("skein-doc")
    String clientId();

    /** The client's secret; needed while {@link #enabled()} for people's calls (services need no lookup). */
    Optional<String> clientSecret();

    /**
     * How long a looked-up role is reused. ACL change events clear a document's roles at once; the
     * bound only matters for events this instance missed (e.g. while its consumer reconnected).
     */
    @WithDefault("10s")
    Duration roleCacheTtl();

    /** Timeout of one call to auth-service or to the token endpoint. */
    @WithDefault("5s")
    Duration requestTimeout();
}
