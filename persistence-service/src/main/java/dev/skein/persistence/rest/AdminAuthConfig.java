package dev.skein.persistence.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether the admin API needs a token ({@code skein.persistence.auth.*}). The checks themselves
 * are configuration ({@code application.properties}, block {@code ## OIDC}): Quarkus OIDC
 * validates the bearer token (issuer, signature from the realm's JWKS, audience
 * {@code skein-persistence}, expiry) and an HTTP permission requires the realm role
 * {@code skein-admin} on everything but {@code /q/health} and {@code /q/metrics}.
 */
@ConfigMapping(prefix = "skein.persistence.auth")
public interface AdminAuthConfig {

    /**
     * Whether callers need a token. Off, the admin API is open to whoever reaches the port (the
     * embedded local run, which has no Keycloak yet).
     */
    @WithDefault("true")
    boolean enabled();
}
