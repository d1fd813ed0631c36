package dev.skein.doc.access;

import dev.skein.access.AccessSettings;
import dev.skein.access.RoleLookup;
import dev.skein.access.ServiceToken;
import dev.skein.doc.rest.DocAuthConfig;
import io.quarkus.oidc.client.OidcClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * doc-service's role lookups for people's calls and its own token (client {@code skein-doc}, realm
 * role {@code skein-service}, audience {@code skein-auth}), from {@code skein.doc.auth.*} and the
 * realm of {@code quarkus.oidc.auth-server-url}; the token comes from an OIDC client
 * (quarkus-oidc-client) created from those settings on first use. Never asked while authentication
 * is off, nor for services (they are known by realm role).
 */
final class AccessClients {

    private AccessClients() {
    }

    @Produces
    @Singleton
    static ServiceToken serviceToken(DocAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl, OidcClients clients) {
        return ServiceToken.of(settings(config, realmUrl), clients);
    }

    @Produces
    @Singleton
    static RoleLookup roleLookup(DocAuthConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> realmUrl, ServiceToken token) {
        return new RoleLookup(settings(config, realmUrl), token);
    }

    private static AccessSettings settings(DocAuthConfig config, Optional<String> realmUrl) {
        return new AccessSettings(config.authServiceUrl(), AccessSettings.keycloakTokenUrl(realmUrl.orElse("")),
                config.clientId(), config.clientSecret().orElse(""), config.requestTimeout(), config.roleCacheTtl());
    }
}
