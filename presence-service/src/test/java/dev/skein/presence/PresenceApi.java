package dev.skein.presence;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads presence-service's REST API in tests. */
public final class PresenceApi {

    private PresenceApi() {
    }

    /** The clients listed for a document (each a JSON object as a map). */
    public static List<Map<String, Object>> clientsOf(String docId) {
        JsonPath body = given().get("/docs/" + docId + "/presence").then().statusCode(200).extract().jsonPath();
        return body.getList("clients");
    }

    /** Client ids listed for a document. */
    public static List<Long> clientIdsOf(String docId) {
        return clientsOf(docId).stream().map(c -> ((Number) c.get("clientId")).longValue()).toList();
    }

    /**
     * Waits until the service's consumer group owns the awareness partitions and stores what is
     * produced (a new group starts at the end, so records sent before that are not seen).
     */
    public static void awaitConsuming(AwarenessTopic topic) {
        String doc = "warmup-" + UUID.randomUUID();
        long[] clock = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            topic.state("gw-warmup", doc, 1, ++clock[0], "{}");
            return !clientIdsOf(doc).isEmpty();
        });
    }
}
