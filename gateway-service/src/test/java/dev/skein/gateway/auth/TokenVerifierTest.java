package dev.skein.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A refused token's reason never quotes the token (it goes to debug logs). */
class TokenVerifierTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ";

    @Test
    void reasonsAreRedacted() {
        assertEquals("JWS signature is invalid: JsonWebSignature{\"alg\":\"RS256\"}->[token]",
            TokenVerifier.redacted("JWS signature is invalid: JsonWebSignature{\"alg\":\"RS256\"}->" + TOKEN, TOKEN));
        assertEquals("payload [token part] and signature [token part]", TokenVerifier.redacted(
            "payload eyJzdWIiOiJhbGljZSJ9 and signature c2lnbmF0dXJlLXBhcnQ", TOKEN));
    }

    @Test
    void aMalformedTokenIsRefusedWithoutQuotingIt() {
        String garbage = "not-a-token-0123456789";
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () ->
            new TokenVerifier(AuthConfigValues.withIssuer("http://127.0.0.1:9/realms/skein")).verify(garbage));
        assertFalse(refused.getMessage().contains(garbage), refused.getMessage());
    }
}
