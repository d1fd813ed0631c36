package dev.skein.presence.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who may see presence ({@code skein.presence.auth.*}). The token checks themselves are Quarkus
 * OIDC configuration ({@code application.properties}, block {@code ## Auth}): signature against
 * the realm's JWKS, issuer, audience {@code skein-presence}, expiry. What a caller may see is
 * decided here: callers with one of {@link #allDocumentsRoles()} see every document, a person only
 * the documents auth-service gives them a role on, and only their own locations.
 */
@ConfigMapping(prefix = "skein.presence.auth")
public interface PresenceAuthConfig {

    /**
     * Whether callers need a token. Off, every route answers anyone who reaches the port (the
     * local run with {@code --no-auth}).
     */
    @WithDefault("true")
    boolean enabled();

    /** Base URL of auth-service, asked for a person's role on a document. */
    @WithDefault("http://localhost:8085")
    String authServiceUrl();

    /** This service's client id: its service account asks auth-service for roles. */
    @WithDefault("skein-presence")
    String clientId();

    /** The client's secret; required while {@link #enabled()}. */
    Optional<String> clientSecret();

    /** Realm roles whose holders (services, operators) see every document and every user. */
    @WithDefault("skein-service,skein-admin")
    List<String> allDocumentsRoles();

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
