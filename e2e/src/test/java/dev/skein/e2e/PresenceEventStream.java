package dev.skein.e2e;

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

/** One subscriber of presence-service's {@code /presence/events}, with a bearer token, keeping what it receives. */
final class PresenceEventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> reading;

    /** Subscribes to {@code url} (e.g. {@code http://…/presence/events?docId=x}) with {@code token}. */
    PresenceEventStream(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        reading = response.thenAcceptAsync(r -> r.body().filter(line -> line.startsWith("data:"))
            .forEach(line -> events.add(parse(line.substring("data:".length())))));
    }

    /** The answer's status, once it came ({@code 0} before). */
    int status() {
        return response.isDone() ? response.join().statusCode() : 0;
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
