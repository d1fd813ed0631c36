package dev.skein.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.AuthenticationFailedException;
import org.junit.jupiter.api.Test;

/**
 * The reason a refused token is logged with (at debug): what quarkus-oidc's innermost cause says,
 * without the claims jose4j quotes before its details, and without the token.
 */
class TokenRefusalReasonTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ";

    @Test
    void theDetailsOfTheInnermostCauseWithoutTheQuotedClaims() {
        Exception jose = new Exception("JWT (claims->{\"preferred_username\":\"alice\"}) rejected due to invalid claims "
                + "or other invalid content. Additional details: [[1] The JWT is no longer valid - exp passed.]");
        assertEquals("[[1] The JWT is no longer valid - exp passed.]",
                TokenVerifier.reason(new AuthenticationFailedException(new IllegalStateException(jose)), TOKEN));
    }

    @Test
    void aQuotedTokenIsRedacted() {
        Exception jose = new Exception("JWT rejected due to invalid signature. Additional details: "
                + "[[9] Invalid JWS Signature: JsonWebSignature{\"alg\":\"RS256\"}->" + TOKEN + "]");
        assertEquals("[[9] Invalid JWS Signature: JsonWebSignature{\"alg\":\"RS256\"}->[token]]",
                TokenVerifier.reason(new AuthenticationFailedException(jose), TOKEN));
    }

    @Test
    void aCauseWithoutMessageIsNamed() {
        assertEquals("AuthenticationFailedException", TokenVerifier.reason(new AuthenticationFailedException(), TOKEN));
    }
}
