package dev.skein.presence.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** One subscriber of {@code /presence/events}, with a token, collecting the events it receives. */
final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> reading;

    /** Subscribes to {@code base + path} (e.g. {@code /presence/events?docId=x}) with {@code token}. */
    EventStream(URI base, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        reading = response.thenAcceptAsync(r -> r.body().filter(line -> line.startsWith("data:"))
                .forEach(line -> events.add(parse(line.substring("data:".length())))));
    }

    /** Whether the server answered (the stream is open, or it was refused). */
    boolean answered() {
        return response.isDone();
    }

    /** The answer's status; call once {@link #answered()}. */
    int status() {
        return response.join().statusCode();
    }

    /** The events received so far. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Whether an event of {@code type} about client {@code clientId} of {@code docId} arrived. */
    boolean has(String type, String docId, long clientId) {
        return events.stream().anyMatch(e -> e.path("type").asText().equals(type)
                && e.path("docId").asText().equals(docId) && e.path("clientId").asLong() == clientId);
    }

    /** Whether any event of {@code docId} arrived. */
    boolean hasAnyOf(String docId) {
        return events.stream().anyMatch(e -> e.path("docId").asText().equals(docId));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reading.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
