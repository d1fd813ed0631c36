package dev.skein.presence.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.presence.AwarenessTopic;
import dev.skein.presence.FastPresenceProfile;
import dev.skein.presence.PresenceApi;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.redis.RedisTestResource;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is here, where a user is, and the awareness snapshot a joining gateway asks for. */
@QuarkusTest
@TestProfile(FastPresenceProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RedisTestResource.class)
class PresenceResourceTest {

    private static AwarenessTopic topic;

    @BeforeEach
    void connect() {
        // not @BeforeAll: RestAssured points at the application only from the first test on
        if (topic == null) {
            topic = new AwarenessTopic();
            PresenceApi.awaitConsuming(topic);
        }
    }

    @AfterAll
    static void disconnect() {
        topic.close();
        topic = null;
    }

    @Test
    void listsWhoIsHereWithNameColourSinceAndGateway() {
        String doc = "who-" + UUID.randomUUID();
        ScheduledFuture<?> alive = topic.keepAlive("gw-a");
        try {
            Instant before = Instant.now().minusSeconds(1);
            topic.state("gw-a", doc, 4_000_000_001L, 1, "{\"user\":{\"name\":\"Ada\",\"color\":\"#ff0000\"},\"cursor\":null}");
            topic.state("gw-a", doc, 7, 3, "{\"user\":{\"name\":\"Grace\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientsOf(doc).size() == 2);

            List<Map<String, Object>> clients = PresenceApi.clientsOf(doc);
            Map<String, Object> ada = clients.get(0);
            assertEquals(4_000_000_001L, ((Number) ada.get("clientId")).longValue());
            assertEquals("Ada", ada.get("name"));
            assertEquals("#ff0000", ada.get("color"));
            assertEquals("anonymous", ada.get("principal"));
            assertEquals("gw-a", ada.get("gateway"));
            Instant since = Instant.parse((String) ada.get("since"));
            assertEquals(true, !since.isBefore(before) && !since.isAfter(Instant.now()));
            assertEquals("Grace", clients.get(1).get("name"));
            assertEquals(null, clients.get(1).get("color"));

            // a renewal keeps "since"
            topic.state("gw-a", doc, 7, 4, "{\"user\":{\"name\":\"Grace H.\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> "Grace H.".equals(PresenceApi.clientsOf(doc).get(1).get("name")));
            assertEquals(ada.get("since"), PresenceApi.clientsOf(doc).get(0).get("since"));
        } finally {
            alive.cancel(false);
        }
    }

    @Test
    void servesTheCurrentAwarenessAsOneUpdateAndNoContentWhenEmpty() {
        String doc = "snap-" + UUID.randomUUID();
        given().get("/docs/" + doc + "/awareness").then().statusCode(204);
        topic.state("gw-b", doc, 11, 5, "{\"user\":{\"name\":\"Lin\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> PresenceApi.clientIdsOf(doc).size() == 1);
        byte[] body = given().get("/docs/" + doc + "/awareness").then().statusCode(200)
            .contentType("application/octet-stream").extract().asByteArray();
        assertEquals(List.of(new AwarenessUpdate.Entry(11, 5, "{\"user\":{\"name\":\"Lin\"}}")), AwarenessUpdate.decode(body));
    }

    @Test
    void tellsWhereAUserIs() {
        String doc = "where-" + UUID.randomUUID();
        topic.state("gw-c", doc, 21, 1, "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/presence/users/anonymous").then()
            .extract().jsonPath().getList("locations.docId").contains(doc));
        given().get("/presence/users/nobody-" + UUID.randomUUID()).then().statusCode(200)
            .body("locations.size()", equalTo(0));
    }

    @Test
    void refusesAnInvalidDocumentId() {
        given().get("/docs/bad id!/presence").then().statusCode(400);
    }
}
