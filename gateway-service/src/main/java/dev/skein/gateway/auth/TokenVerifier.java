package dev.skein.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Checks an access token: signature against the issuer's JWKS (fetched on first use, refetched
 * when a token names an unknown key, so key rotation needs no restart), issuer, audience and
 * expiry. Asymmetric signatures only: a token signed with "none" or a shared secret is refused.
 */
@ApplicationScoped
public class TokenVerifier {

    private final AuthConfig config;
    private volatile JwtConsumer consumer;

    TokenVerifier(AuthConfig config) {
        this.config = config;
    }

    /**
     * jose4j quotes the token in some reasons (a malformed one, an invalid signature's
     * {@code JsonWebSignature{…}->TOKEN}); reasons end up in debug logs, tokens must not.
     */
    static String redacted(String reason, String token) {
        String safe = reason.replace(token, "[token]");
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                safe = safe.replace(part, "[token part]");
            }
        }
        return safe;
    }

    /**
     * The token's claims.
     *
     * @throws InvalidTokenException if any check fails
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        JwtClaims claims;
        try {
            claims = consumer().processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(redacted(e.getErrorDetails().isEmpty() ? e.getMessage()
                    : e.getErrorDetails().get(0).getErrorMessage(), token));
        }
        try {
            String principal = claims.hasClaim("preferred_username")
                    ? claims.getStringClaimValue("preferred_username") : claims.getSubject();
            if (principal == null || principal.isBlank()) {
                throw new InvalidTokenException("token names no user");
            }
            Set<String> groups = claims.hasClaim("groups")
                    ? new LinkedHashSet<>(claims.getStringListClaimValue("groups")) : Set.of();
            Instant expiresAt = Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis());
            return new VerifiedToken(principal, Set.copyOf(groups), expiresAt);
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("malformed claim: " + e.getMessage());
        }
    }

    private JwtConsumer consumer() {
        JwtConsumer current = consumer;
        if (current == null) {
            synchronized (this) {
                if (consumer == null) {
                    consumer = build();
                }
                current = consumer;
            }
        }
        return current;
    }

    private JwtConsumer build() {
        String issuer = config.issuer().orElseThrow(() -> new IllegalStateException(
                "skein.gateway.auth.issuer is required while skein.gateway.auth.enabled=true"));
        String jwksUrl = config.jwksUrl().orElse(issuer + "/protocol/openid-connect/certs");
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(config.audience())
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        List.of(AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                                AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                                AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                                .toArray(String[]::new)))
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUrl)))
                .build();
    }
}
