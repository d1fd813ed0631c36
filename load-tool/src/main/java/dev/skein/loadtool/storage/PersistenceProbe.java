package dev.skein.loadtool.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the storage scenario reads from persistence-service: its Prometheus metrics and its admin
 * REST API (a document's objects and their sizes, a version recorded now, a forced compaction,
 * the stored state).
 */
public final class PersistenceProbe {

    private static final Pattern TOTAL_BYTES = Pattern.compile("\"totalBytes\"\\s*:\\s*(\\d+)");
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\"kind\"\\s*:\\s*\"(batch|snapshot|version|changes)\"[^{}]*\\}");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private final String base;
    private final java.util.Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base persistence-service's base URL, e.g. {@code http://127.0.0.1:8083}
     * @param token bearer token for the admin API, where it requires one
     */
    public PersistenceProbe(String base, java.util.Optional<String> token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** The sum of every sample of a metric family (all tag combinations), 0 if absent. */
    public double sum(String family) throws IOException {
        double total = 0;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(family + " ") || line.startsWith(family + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** One sample, e.g. {@code skein_persistence_durable_latency_seconds{quantile="0.99"}}; NaN if absent. */
    public double sample(String series) throws IOException {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    /** A document's stored objects as listed by the admin API. */
    public StoredObjects objects(String doc) throws IOException {
        String json = get("/admin/docs/" + doc + "/objects");
        Matcher total = TOTAL_BYTES.matcher(json);
        long totalBytes = total.find() ? Long.parseLong(total.group(1)) : 0;
        int batches = 0;
        int snapshots = 0;
        int versions = 0;
        int changes = 0;
        long newestSnapshotBytes = 0;
        long historyBytes = 0;
        Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            Matcher size = SIZE.matcher(object.group());
            long bytes = size.find() ? Long.parseLong(size.group(1)) : 0;
            switch (object.group(1)) {
                case "batch" -> batches++;
                case "snapshot" -> {
                    snapshots++;
                    // listed oldest first: the last snapshot is the newest
                    newestSnapshotBytes = bytes;
                }
                case "version" -> {
                    versions++;
                    historyBytes += bytes;
                }
                default -> {
                    changes++;
                    historyBytes += bytes;
                }
            }
        }
        return new StoredObjects(totalBytes, batches, snapshots, versions, changes, newestSnapshotBytes, historyBytes);
    }

    /**
     * Records a version of the document now, as persistence-service does once editing pauses
     * ({@code POST /admin/docs/{doc}/versions}, answered once the version is stored): a document
     * with version history is compacted only from its first version on.
     *
     * @return false if the document has no version history (nothing to record)
     */
    public boolean recordVersion(String doc) throws IOException {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(base + "/admin/docs/" + doc + "/versions"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409) {
            return false;
        }
        if (response.statusCode() != 201) {
            throw new IOException("POST /admin/docs/" + doc + "/versions answered " + response.statusCode() + ": "
                + response.body());
        }
        return true;
    }

    /** Compacts the document now; the compaction's outcome ({@code compacted}, {@code up-to-date}, …). */
    public String compact(String doc) throws IOException {
        String json = send(HttpRequest.newBuilder(URI.create(base + "/admin/docs/" + doc + "/compaction"))
            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(), 200);
        Matcher outcome = OUTCOME.matcher(json);
        return outcome.find() ? outcome.group(1) : "";
    }

    /** The stored state (Yjs v1), or {@code null} when nothing is stored yet. */
    public byte[] export(String doc) throws IOException {
        HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(URI.create(base + "/admin/docs/" + doc + "/export"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("export of " + doc + " answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * A document's objects: total bytes, how many of each kind, the newest snapshot's size, and the
     * bytes of its version history (version and changes objects; none without history).
     */
    public record StoredObjects(long totalBytes, int batches, int snapshots, int versions, int changes,
            long newestSnapshotBytes, long historyBytes) {
    }

    private String metrics() throws IOException {
        return get("/q/metrics");
    }

    private String get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(), 200);
    }

    private String send(HttpRequest request, int expected) throws IOException {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest authorized = token.isEmpty() ? request
            : HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token.get()).build();
        try {
            return http.send(authorized, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
