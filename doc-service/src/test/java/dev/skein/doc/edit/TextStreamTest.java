package dev.skein.doc.edit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.kafka.UpdateLog;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming text in over a chunked request, against a real broker: the text grows while the
 * request goes on, stays in order and contiguous while others edit the same text, and what
 * arrived stays when the stream breaks.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TextStreamTest {

    @Inject
    UpdateLog log;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    private static String newDoc() {
        String doc = "stream-" + UUID.randomUUID();
        given().contentType("application/json").body("{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,"
            + "\"text\":\"[start][end]\"},{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"k\",\"value\":1}],"
            + "\"roots\":{\"t\":\"text\",\"m\":\"map\"}}").post("/docs/{id}/edits", doc).then().statusCode(200);
        return doc;
    }

    private static String text(String doc) {
        return given().get("/docs/{id}/text/t", doc).then().statusCode(200).extract().asString();
    }

    private CompletableFuture<HttpResponse<String>> stream(String doc, String query, String type,
            SubmissionPublisher<ByteBuffer> body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("docs/" + doc + "/text/t/stream" + query))
            .header("Content-Type", type).POST(HttpRequest.BodyPublishers.fromPublisher(body)).build();
        return started(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()), body);
    }

    /** A publisher drops what is submitted before the client subscribes: wait for it. */
    private static <T> T started(T response, SubmissionPublisher<ByteBuffer> body) {
        await().atMost(Duration.ofSeconds(20)).until(() -> body.getNumberOfSubscribers() > 0);
        return response;
    }

    private static void send(SubmissionPublisher<ByteBuffer> body, String chunk) {
        body.submit(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void chunksAppearAsTheyArriveInOrderAndAnchoredWhileOthersType() throws Exception {
        String doc = newDoc();
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        // the stream starts after "[start]" (index 7) and goes on there while the text changes around it
        CompletableFuture<HttpResponse<String>> response = stream(doc, "?index=7", "text/plain", body);
        StringBuilder streamed = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String chunk = "<" + i + ">";
            streamed.append(chunk);
            send(body, chunk);
            if (i == 5) {
                // readers see the text grow while the request goes on
                await().atMost(Duration.ofSeconds(20)).until(() -> text(doc).contains("<5>"));
                // someone types before and right after the stream's text
                given().contentType("application/json").body("{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,"
                    + "\"text\":\"typed \"}]}").post("/docs/{id}/edits", doc).then().statusCode(200);
                String now = text(doc);
                int end = now.indexOf("[end]");
                given().contentType("application/json").body("{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":" + end
                    + ",\"text\":\"|later|\"}]}").post("/docs/{id}/edits", doc).then().statusCode(200);
            }
        }
        // a multi-byte character split across two chunks of the body
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        body.submit(ByteBuffer.wrap(euro, 0, 1));
        body.submit(ByteBuffer.wrap(euro, 1, 2));
        streamed.append("€");
        body.close();
        HttpResponse<String> answer = response.get();
        assertEquals(200, answer.statusCode(), answer.body());
        Map<?, ?> summary = (Map<?, ?>) Json.parse(answer.body());
        assertEquals((double) streamed.length(), summary.get("characters"));
        assertTrue((Double) summary.get("chunks") >= 40, answer.body());
        assertEquals("typed [start]" + streamed + "|later|[end]", text(doc));
    }

    @Test
    void serverSentEventsAreChunksToo() throws Exception {
        String doc = newDoc();
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        CompletableFuture<HttpResponse<String>> response = stream(doc, "", "text/event-stream", body);
        send(body, "data: one\n\n: a comment\ndata: two\ndata: lines\n\n");
        send(body, "data:three");
        body.close();
        assertEquals(200, response.get().statusCode(), response.get().body());
        assertEquals("[start][end]onetwo\nlinesthree", text(doc));
    }

    @Test
    void aBrokenStreamKeepsWhatArrived() {
        String doc = newDoc();
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        CompletableFuture<HttpResponse<String>> response = stream(doc, "", "text/plain", body);
        send(body, "kept-1 ");
        send(body, "kept-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> text(doc).endsWith("kept-1 kept-2"));
        body.closeExceptionally(new IllegalStateException("the model crashed"));
        await().atMost(Duration.ofSeconds(20)).until(response::isDone);
        assertEquals("[start][end]kept-1 kept-2", text(doc));
    }

    @Test
    void refusals() throws Exception {
        String doc = newDoc();
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("docs/" + doc + "/text/m/stream"))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.fromPublisher(body)).build();
        CompletableFuture<HttpResponse<String>> response = started(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()), body);
        send(body, "into a map");
        body.close();
        assertEquals(422, response.get().statusCode());
        assertTrue(response.get().body().contains("needs a text"), response.get().body());
        given().contentType("text/plain").body("x").post("/docs/{id}/text/t/stream?index=99", doc).then().statusCode(422);
        given().contentType("text/plain").body("x").post("/docs/{id}/text/t/stream?index=-1", doc).then().statusCode(400);
        given().contentType("text/plain").body("x").post("/docs/{id}/text/t/stream?index=1&position=AA", doc).then().statusCode(400);
        given().contentType("text/plain").body("x").post("/docs/{id}/text/t/stream", "bad id").then().statusCode(400);
        given().contentType("text/plain").body("x").post("/docs/{id}/text/t/stream", "stream-none-" + UUID.randomUUID())
            .then().statusCode(422).body("type", equalTo("urn:skein:problem:invalid-edit"));
        assertEquals("[start][end]", text(doc));
    }
}
