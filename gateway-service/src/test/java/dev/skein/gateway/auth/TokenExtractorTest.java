package dev.skein.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenExtractorTest {

    private final TokenExtractor extractor = new TokenExtractor(new AuthConfigValues());

    @Test
    void takesTheTokenNextToTheSkeinSubprotocol() {
        assertEquals(Optional.of("a.b.c"), extractor.fromSubprotocols("skein-auth, a.b.c"));
        assertEquals(Optional.of("a.b.c"), extractor.fromSubprotocols("a.b.c,skein-auth"));
        assertEquals(Optional.empty(), extractor.fromSubprotocols("skein-auth"));
        assertEquals(Optional.empty(), extractor.fromSubprotocols(""));
    }

    @Test
    void takesTheTokenQueryParameter() {
        assertEquals(Optional.of("a.b.c"), extractor.fromQuery("x=1&token=a.b.c"));
        assertEquals(Optional.of("a b"), extractor.fromQuery("token=a%20b"));
        assertEquals(Optional.empty(), extractor.fromQuery("token="));
        assertEquals(Optional.empty(), extractor.fromQuery("tokens=a"));
        assertEquals(Optional.empty(), extractor.fromQuery(null));
    }

    @Test
    void prefersTheSubprotocolToTheQuery() {
        assertEquals(Optional.of("sub.token.x"), extractor.token("skein-auth, sub.token.x", "token=query.token.x"));
        assertEquals(Optional.of("query.token.x"), extractor.token("", "token=query.token.x"));
    }

    @Test
    void queryParameterTokensCanBeTurnedOff() {
        TokenExtractor subprotocolOnly = new TokenExtractor(new AuthConfigValues(false));
        assertEquals(Optional.empty(), subprotocolOnly.token("", "token=query.token.x"));
        assertEquals(Optional.empty(), subprotocolOnly.token("skein-auth", "token=query.token.x"));
        assertEquals(Optional.of("sub.token.x"), subprotocolOnly.token("skein-auth, sub.token.x", "token=query.token.x"));
    }
}
