package dev.skein.loadtool.docapi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * doc-service's REST API for backend services as the scenarios call it: JSON content, edits, the
 * schema, text streams and version history, with a bearer token where the service requires one.
 */
public final class DocApi {

    /** A finished call: status, body, and when the answer arrived (System.nanoTime). */
    public record Answer(int status, String body, long sentNanos, long answeredNanos) {

        /** Round trip in microseconds. */
        public long micros() {
            return (answeredNanos - sentNanos) / 1_000;
        }
    }

    private final String base;
    private final Optional<String> token;
    private final Duration timeout;
    // HTTP/1.1: a streamed body goes out with chunked transfer encoding, as a plain client sends it
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base doc-service's base URL, e.g. {@code http://127.0.0.1:8082}
     * @param token bearer token (a service token with the role {@code skein-service})
     * @param timeout longest wait for one answer (a stream's: from its end)
     */
    public DocApi(String base, Optional<String> token, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.timeout = timeout;
    }

    /** {@code GET /docs/{id}/content?root=NAME:text}. */
    public Answer textContent(String doc, String root) throws IOException {
        return send(request("/docs/" + enc(doc) + "/content?root=" + enc(root + ":text")).GET().build());
    }

    /** {@code GET /docs/{id}/text/{root}}: the text root as plain text. */
    public Answer text(String doc, String root) throws IOException {
        return send(request("/docs/" + enc(doc) + "/text/" + enc(root)).GET().build());
    }

    /** {@code POST /docs/{id}/edits} with {@code json}. */
    public Answer edit(String doc, String json) throws IOException {
        return send(request("/docs/" + enc(doc) + "/edits").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** {@code PUT /docs/{id}/schema} with {@code json}. */
    public Answer schema(String doc, String json) throws IOException {
        return send(request("/docs/" + enc(doc) + "/schema").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** {@code POST /docs/{id}/versions}: a version of every update acknowledged before the call (201 when taken). */
    public Answer takeVersion(String doc, String label) throws IOException {
        return send(request("/docs/" + enc(doc) + "/versions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"}")).build());
    }

    /** {@code GET /docs/{id}/versions}: the versions, newest first. */
    public Answer versions(String doc) throws IOException {
        return send(request("/docs/" + enc(doc) + "/versions").GET().build());
    }

    /** {@code GET /docs/{id}/versions/{v}/content?root=NAME:text}: the text root as it was at a version. */
    public Answer versionText(String doc, long version, String root) throws IOException {
        return send(request("/docs/" + enc(doc) + "/versions/" + version + "/content?root=" + enc(root + ":text")).GET().build());
    }

    /** {@code POST /docs/{id}/versions/{v}/restore?root=NAME:text}: the text root made that version's again. */
    public Answer restore(String doc, long version, String root) throws IOException {
        return send(request("/docs/" + enc(doc) + "/versions/" + version + "/restore?root=" + enc(root + ":text"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * {@code POST /docs/{id}/text/{root}/stream} with a chunked {@code text/plain} body taken from
     * {@code chunks}; completes when doc-service answered (after the body ended).
     */
    public CompletableFuture<Answer> stream(String doc, String root, Flow.Publisher<ByteBuffer> chunks) {
        HttpRequest request = request("/docs/" + enc(doc) + "/text/" + enc(root) + "/stream")
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.fromPublisher(chunks)).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body(), sent, System.nanoTime()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), sent, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
