package dev.skein.presence.api;

import static org.awaitility.Awaitility.await;

import dev.skein.presence.AwarenessTopic;
import dev.skein.presence.FastPresenceProfile;
import dev.skein.presence.PresenceApi;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.redis.RedisTestResource;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Server-Sent Events stream reports arrivals and departures of one document. */
@QuarkusTest
@TestProfile(FastPresenceProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
class PresenceEventsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void streamsJoinedAndLeftOfOneDocument() {
        String doc = "events-" + UUID.randomUUID();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/presence/events?docId=" + doc))
            .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
            HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
        try (AwarenessTopic topic = new AwarenessTopic()) {
            PresenceApi.awaitConsuming(topic);
            ScheduledFuture<?> alive = topic.keepAlive("gw-events");
            try {
                await().atMost(Duration.ofSeconds(10)).until(response::isDone);
                topic.state("gw-events", "other-" + UUID.randomUUID(), 90, 1, "{}");
                topic.state("gw-events", doc, 91, 1, "{}");
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line ->
                    line.startsWith("data:") && line.contains("\"joined\"") && line.contains("\"clientId\":91")));
                topic.raw("gw-events", doc, AwarenessUpdate.encode(List.of(AwarenessUpdate.Entry.removal(91, 1))));
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(line ->
                    line.contains("\"left\"") && line.contains("\"disconnected\"")));
                await().during(Duration.ofMillis(200)).until(() -> lines.stream().noneMatch(line -> line.contains("\"clientId\":90")));
            } finally {
                alive.cancel(false);
                reading.cancel(true);
                response.thenAccept(r -> r.body().close());
            }
        }
    }
}
