package dev.skein.presence.auth;

import dev.skein.access.AccessSettings;
import dev.skein.access.RoleLookup;
import dev.skein.access.ServiceToken;
import io.quarkus.oidc.client.OidcClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * presence-service's role lookups and its own token (realm role {@code skein-service}, audience
 * {@code skein-auth}), from {@code skein.presence.auth.*} and the realm of
 * {@code quarkus.oidc.auth-server-url}; the token comes from an OIDC client (quarkus-oidc-client)
 * created from those settings on first use. While authentication is off they are never asked.
 */
final class AccessClients {

    private AccessClients() {
    }

    @Produces
    @Singleton
    static ServiceToken serviceToken(PresenceAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl, OidcClients clients) {
        return ServiceToken.of(settings(config, realmUrl), clients);
    }

    @Produces
    @Singleton
    static RoleLookup roleLookup(PresenceAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl, ServiceToken token) {
        return new RoleLookup(settings(config, realmUrl), token);
    }

    private static AccessSettings settings(PresenceAuthConfig config, Optional<String> realmUrl) {
        return new AccessSettings(config.authServiceUrl(), AccessSettings.keycloakTokenUrl(realmUrl.orElse("")),
                config.clientId(), config.clientSecret().orElse(""), config.requestTimeout(), config.roleCacheTtl());
    }
}
