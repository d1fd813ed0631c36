package dev.skein.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks an access token with quarkus-oidc, like every other service: the default OIDC tenant
 * ({@link OidcTenantSetup}, from {@code skein.gateway.auth.*}) verifies the signature against the
 * issuer's JWKS (fetched at start or on first use, refetched when a token names an unknown key),
 * the issuer, the audience and the expiry, asymmetric signatures only. The token is handed over
 * programmatically ({@link TenantIdentityProvider}) because it comes from a subprotocol or the
 * query, not from an {@code Authorization} header. What fails for any reason, also an issuer out
 * of reach, is an {@link InvalidTokenException}.
 */
@ApplicationScoped
public class TokenVerifier {

    /** A signed JWT in compact form: three base64url parts, the signature not empty. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** Where jose4j's message lists its reasons, after the claims it quotes. */
    private static final String DETAILS = "Additional details: ";

    private final TenantIdentityProvider identities;
    private final Duration timeout;

    @Inject
    TokenVerifier(AuthConfig config, TenantIdentityProvider identities) {
        this.identities = identities;
        // fetching the JWKS (a connection and an answer, each within the request timeout) included
        this.timeout = config.requestTimeout().multipliedBy(2);
    }

    /**
     * A verifier without an OIDC tenant (unit tests without Quarkus): what is refused before the
     * tenant is asked is refused as usual, anything else fails as unverifiable.
     */
    TokenVerifier(AuthConfig config) {
        this(config, token -> Uni.createFrom().failure(new IllegalStateException("no OIDC tenant")));
    }

    /**
     * Reasons (jose4j's, inside quarkus-oidc's failures) may quote the token, e.g. an invalid
     * signature's {@code JsonWebSignature{…}->TOKEN}; reasons end up in debug logs, tokens must not.
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
        if (!COMPACT_JWS.matcher(token).matches()) {
            // quarkus-oidc would take it for an opaque token, which only introspection could check
            throw new InvalidTokenException("not a signed JWT");
        }
        SecurityIdentity identity;
        try {
            identity = identities.authenticate(new AccessTokenCredential(token)).await().atMost(timeout);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new InvalidTokenException("not verified within " + timeout);
        } catch (RuntimeException e) {
            throw new InvalidTokenException(reason(e, token));
        }
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new InvalidTokenException("no identity");
        }
        return claims(jwt);
    }

    /** Principal ({@code preferred_username}, else {@code sub}), groups and expiry of a verified token. */
    static VerifiedToken claims(JsonWebToken jwt) throws InvalidTokenException {
        String principal;
        if (jwt.containsClaim("preferred_username")) {
            if (!(jwt.getClaim("preferred_username") instanceof String name)) {
                throw new InvalidTokenException("malformed claim: preferred_username is not a string");
            }
            principal = name;
        } else {
            principal = jwt.getSubject();
        }
        if (principal == null || principal.isBlank()) {
            throw new InvalidTokenException("token names no user");
        }
        // quarkus-oidc requires exp; getGroups() is the groups claim (empty when absent)
        return new VerifiedToken(principal, Set.copyOf(jwt.getGroups()), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /** What failed, from the innermost cause (jose4j's reasons without the claims it quotes), redacted. */
    static String reason(Throwable failure, String token) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int details = message.indexOf(DETAILS);
        return redacted(details >= 0 ? message.substring(details + DETAILS.length()) : message, token);
    }
}
