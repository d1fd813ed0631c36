package dev.skein.persistence.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.persistence.Cluster;
import dev.skein.persistence.HistoryTestProfile;
import dev.skein.persistence.TestUpdates;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The version API of persistence-service over real Kafka and S3: versions taken on request through
 * the log, listed, read as a Yjs update and as JSON, diffed with who changed what, and the refusals.
 * Update records carry timestamps ahead of the clock, so that no pause makes a version by itself.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(HistoryTestProfile.class)
class VersionResourceTest {

    private static Cluster cluster;
    private final Doc alice = new Doc(DocOptions.defaults().withClientId(51).withGc(false));
    private final Doc bob = new Doc(DocOptions.defaults().withClientId(52).withGc(false));
    private long time = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();

    @BeforeAll
    static void connect() {
        cluster = Cluster.forHistoryTests();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void versionsAreTakenListedReadAndDiffed() {
        String doc = "rest-" + UUID.randomUUID();
        edit(doc, alice, "alice", d -> d.getText("t").insert(0, "hello world"));
        long first = given().contentType(ContentType.JSON).body("{\"label\":\"first draft\"}")
            .post("/admin/docs/{id}/versions", doc).then().statusCode(201)
            .body("label", equalTo("first draft")).body("authors", equalTo(List.of("alice")))
            .body("trigger", equalTo("request"))
            .extract().jsonPath().getLong("version");
        edit(doc, bob, "bob", d -> d.getText("t").delete(0, 6));
        edit(doc, alice, "alice", d -> d.getText("t").insert(5, "!"));
        long second = given().contentType(ContentType.JSON).body("{}").post("/admin/docs/{id}/versions", doc)
            .then().statusCode(201).body("label", equalTo("")).body("authors", equalTo(List.of("alice", "bob")))
            .extract().jsonPath().getLong("version");

        List<Long> listed = given().get("/admin/docs/{id}/versions", doc).then().statusCode(200)
            .extract().jsonPath().getList("version", Long.class);
        assertEquals(List.of(second, first), listed, "newest first");

        byte[] update = given().get("/admin/docs/{id}/versions/{v}", doc, first).then().statusCode(200)
            .extract().asByteArray();
        Doc loaded = new Doc();
        loaded.applyUpdate(update);
        assertEquals("hello world", loaded.getText("t").toString(), "the version loads as a Yjs update");

        given().get("/admin/docs/{id}/versions/{v}/content?root=t:text", doc, first).then().statusCode(200)
            .body(equalTo("{\"t\":\"hello world\"}"));
        given().get("/admin/docs/{id}/versions/{v}/content", doc, second).then().statusCode(200)
            .body(equalTo("{\"t\":\"world!\"}"));
        given().get("/admin/docs/{id}/versions/{v}/diff?to={w}&root=t:text", doc, first, second).then().statusCode(200)
            .body(equalTo("{\"from\":" + first + ",\"to\":" + second + ",\"authors\":[\"alice\",\"bob\"],\"roots\":{"
                + "\"t\":{\"type\":\"text\",\"delta\":["
                + "{\"insert\":\"hello \",\"attributes\":{\"ychange\":{\"type\":\"removed\",\"user\":51,\"by\":\"bob\"}}},"
                + "{\"insert\":\"world\"},"
                + "{\"insert\":\"!\",\"attributes\":{\"ychange\":{\"type\":\"added\",\"user\":51,\"by\":\"alice\"}}}]}}}"));

        given().get("/admin/docs/{id}/versions/{v}", doc, second + 1000).then().statusCode(404);
        given().get("/admin/docs/{id}/versions/{v}/content", doc, first + 1).then().statusCode(404);
        given().get("/admin/docs/{id}/versions/{v}/content?root=t:string", doc, first).then().statusCode(400);
        given().get("/admin/docs/{id}/versions/{v}/diff", doc, first).then().statusCode(400);
        given().get("/admin/docs/{id}/versions/{v}/diff?to={w}", doc, second, first).then().statusCode(400);
        given().get("/admin/docs/{id}/versions/{v}?format=v3", doc, first).then().statusCode(400);
    }

    @Test
    void requestsWithoutContentHistoryOrAShortLabelAreRefused() {
        given().contentType(ContentType.JSON).body("{}")
            .post("/admin/docs/{id}/versions", "empty-" + UUID.randomUUID()).then().statusCode(404);
        String off = "nohistory-" + UUID.randomUUID();
        cluster.produce(off, TestUpdates.text(53, 0, "x"), "alice", time);
        given().contentType(ContentType.JSON).body("{}").post("/admin/docs/{id}/versions", off).then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"label\":\"" + "x".repeat(201) + "\"}")
            .post("/admin/docs/{id}/versions", "rest-long").then().statusCode(400);
        given().get("/admin/docs/{id}/versions", "not a doc id").then().statusCode(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.objects(off).batches().isEmpty());
        given().get("/admin/docs/{id}/versions", off).then().statusCode(200).body("size()", equalTo(0));
    }

    /** An edit of one replica, produced as that principal's update records and applied to the other replica. */
    private void edit(String doc, Doc replica, String principal, Consumer<Doc> edit) {
        List<byte[]> made = new ArrayList<>();
        var subscription = replica.onUpdate((update, origin, txn) -> made.add(update));
        edit.accept(replica);
        subscription.close();
        for (byte[] update : made) {
            time += 10;
            cluster.produce(doc, update, principal, time);
            (replica == alice ? bob : alice).applyUpdate(update);
        }
    }
}
