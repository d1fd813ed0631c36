package dev.skein.gateway.auth;

import io.quarkus.websockets.next.HandshakeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the access token of a WebSocket handshake. Browsers cannot set an {@code Authorization}
 * header on a WebSocket, so the token travels either as a second subprotocol
 * ({@code Sec-WebSocket-Protocol: skein-auth, TOKEN}; the server answers {@code skein-auth}) or as
 * a query parameter ({@code ?token=TOKEN}, which y-websocket's {@code params} option sets). The
 * subprotocol is preferred because query strings end up in access logs (this gateway's access-log
 * pattern leaves them out, a proxy's may not); {@code skein.gateway.auth.query-parameter-tokens=false}
 * stops accepting the query parameter.
 */
@ApplicationScoped
public class TokenExtractor {

    private final String subprotocol;
    private final String queryParameter;
    private final boolean queryTokens;

    TokenExtractor(AuthConfig config) {
        this.subprotocol = config.subprotocol();
        this.queryParameter = config.queryParameter();
        this.queryTokens = config.queryParameterTokens();
    }

    /** The token, if the handshake carries one where this gateway accepts it. */
    public Optional<String> token(HandshakeRequest request) {
        // One header with a comma-separated list, or (from some clients) several headers.
        return token(String.join(",", request.headers(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL)), request.query());
    }

    Optional<String> token(String subprotocolHeader, String query) {
        return fromSubprotocols(subprotocolHeader).or(() -> queryTokens ? fromQuery(query) : Optional.empty());
    }

    Optional<String> fromSubprotocols(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String offered : header.split(",")) {
            String value = offered.strip();
            if (!value.isEmpty() && !value.equals(subprotocol)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    Optional<String> fromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(queryParameter)) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
