package dev.skein.persistence.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.skein.persistence.Cluster;
import dev.skein.persistence.PersistenceTestProfile;
import dev.skein.persistence.TestUpdates;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(PersistenceTestProfile.class)
class AdminResourceTest {

    private static Cluster cluster;

    @BeforeAll
    static void connect() {
        cluster = Cluster.forQuarkusTests();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void listsCompactsAndExportsADocument() {
        String doc = "admin-" + UUID.randomUUID();
        byte[] a = TestUpdates.text(31, 0, "hello");
        byte[] b = TestUpdates.text(31, 5, " world");
        long first = cluster.produce(doc, a);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.objects(doc).batches().size() == 1);
        long second = cluster.produce(doc, b);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.objects(doc).batches().size() == 2);
        int partition = cluster.partitionOf(doc);

        given().get("/admin/docs/{id}/objects", doc).then().statusCode(200)
            .body("docId", equalTo(doc))
            .body("objects", hasSize(2))
            .body("objects[0].key", equalTo("docs/" + doc + "/batch-" + partition + "-" + first + "-" + first + ".bin"))
            .body("objects[0].kind", equalTo("batch"))
            .body("objects[1].read", equalTo(true));

        given().post("/admin/docs/{id}/compaction", doc).then().statusCode(200)
            .body("outcome", equalTo("compacted"))
            .body("snapshot", equalTo("docs/" + doc + "/snapshot-" + partition + "-" + second + ".bin"))
            .body("deleted", hasSize(2));
        given().get("/admin/docs/{id}/objects", doc).then().statusCode(200)
            .body("objects", hasSize(1)).body("objects[0].kind", equalTo("snapshot"));

        byte[] exported = given().get("/admin/docs/{id}/export", doc).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(a, b)), exported);
        byte[] v2 = given().queryParam("format", "v2").get("/admin/docs/{id}/export", doc).then().statusCode(200)
            .extract().asByteArray();
        assertArrayEquals(exported, Updates.convertUpdateFormatV2ToV1(v2));
    }

    @Test
    void aDamagedObjectIsNotCompactedAwayAndTheExportNamesIt() {
        String doc = "damaged-" + UUID.randomUUID();
        byte[] good = TestUpdates.text(32, 0, "kept");
        byte[] lost = TestUpdates.text(32, 4, " damaged");
        BatchName intact = new BatchName(doc, 1, 0, 3);
        BatchName truncated = new BatchName(doc, 1, 4, 9);
        cluster.store().put(intact.key(), StoredObjectCodec.batch(intact, good, UpdateEncoding.V1));
        byte[] object = StoredObjectCodec.batch(truncated, lost, UpdateEncoding.V1);
        cluster.store().put(truncated.key(), java.util.Arrays.copyOf(object, object.length - 5));

        given().post("/admin/docs/{id}/compaction", doc).then().statusCode(200)
            .body("outcome", equalTo("damaged"))
            .body("deleted", hasSize(0));
        given().get("/admin/docs/{id}/objects", doc).then().statusCode(200).body("objects", hasSize(2));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(
            metrics.contains("skein_persistence_compactions_total{outcome=\"damaged\"}"), metrics);

        var export = given().get("/admin/docs/{id}/export", doc).then().statusCode(200)
            .header(AdminResource.DAMAGED_HEADER, equalTo(truncated.key())).extract();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(good)), export.asByteArray(), "what could be read");
    }

    @Test
    void answersNotFoundAndBadRequest() {
        given().get("/admin/docs/{id}/export", "none-" + UUID.randomUUID()).then().statusCode(404);
        given().get("/admin/docs/{id}/objects", "none-" + UUID.randomUUID()).then().statusCode(200).body("objects", hasSize(0));
        given().get("/admin/docs/{id}/objects", "bad id!").then().statusCode(400);
        given().queryParam("format", "v9").get("/admin/docs/{id}/export", "x").then().statusCode(400);
    }
}
