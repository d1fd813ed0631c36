package dev.skein.gateway.auth;

import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The gateway's quarkus-oidc tenant (the default one), built from {@code skein.gateway.auth.*}
 * when Quarkus creates its tenants, so that those keys keep meaning what they meant: the issuer
 * (checked in every token, and the tenant's server), the JWKS URL (default: Keycloak's, under the
 * issuer; no discovery, so the issuer's public URL need not be reachable from the gateway), the
 * audience, and the clock skew (a duration, which quarkus-oidc takes in whole seconds). Tokens
 * are verified locally, never sent to the issuer's introspection endpoint; {@code iat} is not
 * required (it never was). Authentication off, or no issuer, the tenant is disabled and the
 * gateway starts without an OIDC server ({@link ConnectionAuthorizer#checkConfig} then refuses to
 * start while authentication is on). {@code quarkus.oidc.*} properties are not read for this
 * tenant.
 */
@Singleton
class OidcTenantSetup {

    void createDefaultTenant(@Observes Oidc oidc, AuthConfig config) {
        oidc.create(tenantConfig(config));
    }

    static OidcTenantConfig tenantConfig(AuthConfig config) {
        if (!config.enabled() || config.issuer().isEmpty()) {
            return OidcTenantConfig.builder().tenantEnabled(false).applicationType(ApplicationType.SERVICE).build();
        }
        String issuer = config.issuer().get();
        return OidcTenantConfig.authServerUrl(issuer)
                .applicationType(ApplicationType.SERVICE)
                .discoveryEnabled(false)
                .jwksPath(config.jwksUrl().orElse(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/certs"))
                .connectionTimeout(config.requestTimeout())
                .token()
                    .issuer(issuer)
                    .audience(config.audience())
                    .lifespanGrace(Math.toIntExact(config.clockSkew().toSeconds()))
                    .issuedAtRequired(false)
                    .allowJwtIntrospection(false)
                    .allowOpaqueTokenIntrospection(false)
                    .end()
                .build();
    }
}
