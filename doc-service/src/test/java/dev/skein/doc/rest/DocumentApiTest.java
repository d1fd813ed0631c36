package dev.skein.doc.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.doc.TestUpdates;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API against a real broker: write through Kafka, read back through an in-band sync request. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DocumentApiTest {

    @Inject
    UpdateLog log;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    private static String newDoc() {
        return "api-" + UUID.randomUUID();
    }

    private static void post(String doc, byte[] update) {
        given().contentType("application/octet-stream").body(update)
            .when().post("/docs/{id}/updates", doc)
            .then().statusCode(202).body("docId", equalTo(doc));
    }

    private static byte[] awaitDocument(String doc, String query) {
        byte[][] body = new byte[1][];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().when().get("/docs/{id}" + query, doc);
            if (response.statusCode() == 200) {
                body[0] = response.asByteArray();
                return true;
            }
            return false;
        });
        return body[0];
    }

    @Test
    void postedUpdatesAreReadBackAsOneMergedUpdate() {
        String doc = newDoc();
        byte[] u1 = TestUpdates.text(1, 0, "hello");
        byte[] u2 = TestUpdates.text(2, 0, "world");
        post(doc, u1);
        post(doc, u2);
        byte[] merged = Updates.mergeUpdates(List.of(u1, u2));
        assertArrayEquals(merged, awaitDocument(doc, ""));
        assertArrayEquals(Updates.convertUpdateFormatV1ToV2(merged), awaitDocument(doc, "?format=v2"));
        byte[] stateVector = given().when().get("/docs/{id}/state-vector", doc)
            .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Updates.encodeStateVectorFromUpdate(merged), stateVector);
    }

    @Test
    void unknownDocumentIs404() {
        given().when().get("/docs/{id}", newDoc())
            .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void badInputIsAProblem() {
        given().when().get("/docs/{id}", "bad id")
            .then().statusCode(400).contentType("application/problem+json")
            .body("type", equalTo("urn:skein:problem:invalid-document-id"));
        given().when().get("/docs/{id}", "d".repeat(200))
            .then().statusCode(400);
        given().when().get("/docs/{id}?format=v3", newDoc())
            .then().statusCode(400).body("type", equalTo("urn:skein:problem:invalid-format"));
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
            .when().post("/docs/{id}/updates", newDoc())
            .then().statusCode(400).body("type", equalTo("urn:skein:problem:invalid-update"));
        given().contentType("application/octet-stream").body(new byte[9 * 1024 * 1024])
            .when().post("/docs/{id}/updates", newDoc())
            .then().statusCode(413).contentType("application/problem+json");
    }
}
