package dev.skein.doc.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether the REST API needs a token ({@code skein.doc.auth.*}). The checks themselves are
 * configuration ({@code application.properties}, block {@code ## Auth}): Quarkus OIDC validates
 * the bearer token (issuer, signature from the realm's JWKS, audience {@code skein-doc}, expiry)
 * and HTTP permissions require the realm role {@code skein-service} (reads: also
 * {@code skein-admin}) on everything but {@code /q/health} and {@code /q/metrics}.
 */
@ConfigMapping(prefix = "skein.doc.auth")
public interface DocAuthConfig {

    /**
     * Whether callers need a token. Off, the API is open to whoever reaches the port (the embedded
     * local run, which has no Keycloak yet).
     */
    @WithDefault("true")
    boolean enabled();
}
