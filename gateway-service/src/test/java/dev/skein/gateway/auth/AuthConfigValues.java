package dev.skein.gateway.auth;

import java.time.Duration;
import java.util.Optional;

/** {@link AuthConfig} with its defaults, for unit tests without Quarkus. */
final class AuthConfigValues implements AuthConfig {

    private final boolean queryParameterTokens;
    private final Optional<String> issuer;

    /** The defaults. */
    AuthConfigValues() {
        this(true);
    }

    /** The defaults, but {@code skein.gateway.auth.query-parameter-tokens} as given. */
    AuthConfigValues(boolean queryParameterTokens) {
        this(queryParameterTokens, Optional.empty());
    }

    private AuthConfigValues(boolean queryParameterTokens, Optional<String> issuer) {
        this.queryParameterTokens = queryParameterTokens;
        this.issuer = issuer;
    }

    /** The defaults with an issuer (nothing is fetched from it until a well-formed token needs its keys). */
    static AuthConfigValues withIssuer(String issuer) {
        return new AuthConfigValues(true, Optional.of(issuer));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> issuer() {
        return issuer;
    }

    @Override
    public Optional<String> jwksUrl() {
        return Optional.empty();
    }

    @Override
    public Optional<String> tokenUrl() {
        return Optional.empty();
    }

    @Override
    public String audience() {
        return "skein-gateway";
    }

    @Override
    public Duration clockSkew() {
        return Duration.ofSeconds(5);
    }

    @Override
    public String clientId() {
        return "skein-gateway";
    }

    @Override
    public Optional<String> clientSecret() {
        return Optional.empty();
    }

    @Override
    public String authServiceUrl() {
        return "http://localhost:8085";
    }

    @Override
    public Duration roleCacheTtl() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public String queryParameter() {
        return "token";
    }

    @Override
    public boolean queryParameterTokens() {
        return queryParameterTokens;
    }

    @Override
    public String subprotocol() {
        return "skein-auth";
    }
}
