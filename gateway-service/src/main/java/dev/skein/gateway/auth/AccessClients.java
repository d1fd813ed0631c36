package dev.skein.gateway.auth;

import dev.skein.access.AccessSettings;
import dev.skein.access.RoleLookup;
import dev.skein.access.ServiceToken;
import io.quarkus.oidc.client.OidcClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The gateway's role lookups and its own token, from {@code skein.gateway.auth.*}; the token comes
 * from an OIDC client (quarkus-oidc-client) created from those settings on first use. While
 * authentication is off they exist but are never asked (missing settings are left blank, and no
 * OIDC client is created).
 */
final class AccessClients {

    private AccessClients() {
    }

    @Produces
    @Singleton
    static ServiceToken serviceToken(AuthConfig config, OidcClients clients) {
        return ServiceToken.of(settings(config), clients);
    }

    @Produces
    @Singleton
    static RoleLookup roleLookup(AuthConfig config, ServiceToken serviceToken) {
        return new RoleLookup(settings(config), serviceToken);
    }

    private static AccessSettings settings(AuthConfig config) {
        String tokenUrl = config.tokenUrl()
                .orElseGet(() -> AccessSettings.keycloakTokenUrl(config.issuer().orElse("")));
        return new AccessSettings(config.authServiceUrl(), tokenUrl, config.clientId(),
                config.clientSecret().orElse(""), config.requestTimeout(), config.roleCacheTtl());
    }
}
