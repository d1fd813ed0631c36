package dev.skein.loadtool.protocol;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where and how clients connect: a URL template with {@code {doc}} where the document name goes
 * ({@code ws://127.0.0.1:8081/ws/{doc}}), an optional token (sent as the {@code token} query
 * parameter, and in Hocuspocus's auth message), and the wire format.
 */
public record Target(String urlTemplate, Optional<String> token, WireFormat format) {

    /** The placeholder of the document name in the URL template. */
    public static final String DOC_PLACEHOLDER = "{doc}";

    /** Checks the template. */
    public Target {
        if (!urlTemplate.startsWith("ws://") && !urlTemplate.startsWith("wss://")) {
            throw new IllegalArgumentException("the URL must start with ws:// or wss://: " + urlTemplate);
        }
        if (format instanceof YWebsocketFormat && !urlTemplate.contains(DOC_PLACEHOLDER)) {
            throw new IllegalArgumentException("the y-websocket URL must contain " + DOC_PLACEHOLDER + ": " + urlTemplate);
        }
    }

    /** The URL a client of {@code docName} connects to. */
    public URI uri(String docName) {
        String url = urlTemplate.replace(DOC_PLACEHOLDER, URLEncoder.encode(docName, StandardCharsets.UTF_8));
        if (token.isPresent()) {
            url += (url.contains("?") ? "&" : "?") + "token=" + URLEncoder.encode(token.get(), StandardCharsets.UTF_8);
        }
        return URI.create(url);
    }
}
