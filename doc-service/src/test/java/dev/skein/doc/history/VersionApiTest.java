package dev.skein.doc.history;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.Partitions;
import dev.skein.contract.RecordKind;
import dev.skein.contract.Topics;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.doc.state.StorageProfile;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.HistoryCodec;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.history.VersionRecord;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.VersionName;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3Server;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version API against real Kafka and a real S3 API: versions stored as persistence-service
 * stores them (batches of the document's state and version objects) are listed, read as a Yjs
 * update, as JSON and as a diff; a version request is answered by a stand-in of persistence-service
 * on the sync-reply topic; restoring goes through the document's owner as edits.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = true)
@TestProfile(StorageProfile.class)
class VersionApiTest {

    @Inject
    UpdateLog log;

    private S3ObjectStore store;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
        S3Server s3 = S3TestResource.server();
        store = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(),
            StorageProfile.BUCKET, StorageSettings.REGION_DEFAULT));
        store.ensureBucket();
    }

    private static Map<?, ?> edit(String doc, String ops) {
        String body = given().contentType("application/json").body(ops).post("/docs/{id}/edits", doc)
            .then().statusCode(200).extract().asString();
        return (Map<?, ?>) Json.parse(body);
    }

    private static byte[] state(String doc) {
        return given().get("/docs/{id}", doc).then().statusCode(200).extract().asByteArray();
    }

    /** Stores the document's state as a batch and a version at {@code offset}, as persistence-service would. */
    private void storeVersion(String doc, int partition, long from, long offset, byte[] state, String label) {
        BatchName batch = new BatchName(doc, partition, from, offset);
        store.put(batch.key(), StoredObjectCodec.batch(batch, state, UpdateEncoding.V1));
        Doc loaded = new Doc();
        loaded.applyUpdate(state);
        VersionRecord record = new VersionRecord(1_765_000_000_000L + offset, Trigger.REQUEST, label, "tester",
            StateVector.decode(loaded.encodeStateVector()), new ChangeSet().addUpdate("tester", state));
        VersionName name = new VersionName(doc, partition, from, offset);
        store.put(name.key(), StoredObjectCodec.version(name, HistoryCodec.encodeVersion(record)));
    }

    private static String content(String path) {
        return given().get(path + "?root=t:text&root=m:map&text=delta").then().statusCode(200).extract().asString();
    }

    @Test
    void versionsAreListedReadDiffedAndRestored() {
        String doc = "history-" + UUID.randomUUID();
        Map<?, ?> first = edit(doc, """
            {"ops":[{"op":"text.insert","root":"t","index":0,"text":"first draft","attributes":{"bold":true}},
                    {"op":"map.set","root":"m","key":"status","value":"draft"}],"roots":{"t":"text","m":"map"}}""");
        int partition = ((Number) first.get("partition")).intValue();
        long v1 = ((Number) first.get("offset")).longValue();
        byte[] s1 = state(doc);
        storeVersion(doc, partition, 0, v1, s1, "first");
        Map<?, ?> second = edit(doc, """
            {"ops":[{"op":"text.insert","root":"t","index":"end","text":", reviewed"},
                    {"op":"text.format","root":"t","index":0,"length":5,"attributes":{"italic":true}},
                    {"op":"map.set","root":"m","key":"status","value":"final"},
                    {"op":"map.set","root":"m","key":"by","value":"bob"}]}""");
        long v2 = ((Number) second.get("offset")).longValue();
        storeVersion(doc, partition, v1 + 1, v2, state(doc), "");

        String list = given().get("/docs/{id}/versions", doc).then().statusCode(200).extract().asString();
        List<?> versions = (List<?>) Json.parse(list);
        assertEquals(2, versions.size(), list);
        assertEquals((double) v2, ((Map<?, ?>) versions.get(0)).get("version"), "newest first");
        assertEquals("first", ((Map<?, ?>) versions.get(1)).get("label"));
        assertEquals(List.of("tester"), ((Map<?, ?>) versions.get(1)).get("authors"));

        byte[] update = given().get("/docs/{id}/versions/{v}", doc, v1).then().statusCode(200)
            .contentType("application/octet-stream").extract().asByteArray();
        Doc then = new Doc();
        then.applyUpdate(update);
        assertEquals("first draft", then.getText("t").toString());

        String v1Content = content("/docs/" + doc + "/versions/" + v1 + "/content");
        assertEquals("{\"t\":[{\"insert\":\"first draft\",\"attributes\":{\"bold\":true}}],\"m\":{\"status\":\"draft\"}}", v1Content);
        given().get("/docs/{id}/versions/{v}/content", doc, v1).then().statusCode(200)
            .header("Skein-Root-Types", equalTo("t=text,m=map")).header("Skein-Inferred-Roots", equalTo("t,m"))
            .body(equalTo("{\"t\":\"first draft\",\"m\":{\"status\":\"draft\"}}"));
        String v2Content = content("/docs/" + doc + "/versions/" + v2 + "/content");
        assertEquals(content("/docs/" + doc + "/content"), v2Content, "the newest version is the current content");

        given().get("/docs/{id}/versions/{v}/diff?to={w}", doc, v1, v2).then().statusCode(200)
            .body("from", equalTo((int) v1)).body("to", equalTo((int) v2)).body("authors", equalTo(List.of("tester")))
            .body("roots.t.type", equalTo("text"))
            .body("roots.t.delta[-1].insert", equalTo(", reviewed"))
            .body("roots.t.delta[-1].attributes.ychange.type", equalTo("added"))
            .body("roots.m.from.status", equalTo("draft")).body("roots.m.to.status", equalTo("final"));
        given().get("/docs/{id}/versions/{v}/diff?to={w}", doc, v2, v1).then().statusCode(400);

        given().post("/docs/{id}/versions/{v}/restore", doc, v1).then().statusCode(200)
            .body("version", equalTo((int) v1));
        // parsed: the order of a run's attributes is the order yjs met their format marks in
        assertEquals(Json.parse(v1Content), Json.parse(content("/docs/" + doc + "/content")),
            "restored: the current content is the version's");
        given().post("/docs/{id}/versions/{v}/restore", doc, v1).then().statusCode(200).body("ops", equalTo(0));
        given().post("/docs/{id}/versions/{v}/restore", doc, v2).then().statusCode(200);
        assertEquals(Json.parse(v2Content), Json.parse(content("/docs/" + doc + "/content")),
            "restoring the newer version undoes the restore");
    }

    @Test
    void unknownVersionsInvalidNumbersAndLongLabelsAreRefused() {
        String doc = "history-refused-" + UUID.randomUUID();
        edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"x\"}],\"roots\":{\"t\":\"text\"}}");
        given().get("/docs/{id}/versions", doc).then().statusCode(200).body(equalTo("[]"));
        for (String path : List.of("/docs/{id}/versions/12345", "/docs/{id}/versions/12345/content")) {
            given().get(path, doc).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:skein:problem:unknown-version"));
        }
        given().post("/docs/{id}/versions/12345/restore", doc).then().statusCode(404);
        given().get("/docs/{id}/versions/abc", doc).then().statusCode(400);
        given().get("/docs/{id}/versions", "bad id").then().statusCode(400);
        given().contentType("application/json").body("{\"label\":\"" + "x".repeat(VersionRequest.MAX_LABEL_LENGTH + 1) + "\"}")
            .post("/docs/{id}/versions", doc).then().statusCode(400).body("detail", containsString("at most"));
        given().contentType("application/json").body("{\"label\":3}").post("/docs/{id}/versions", doc).then().statusCode(400);
    }

    @Test
    void aVersionRequestIsAnsweredByPersistenceService() throws Exception {
        String doc = "history-take-" + UUID.randomUUID();
        Map<?, ?> first = edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"x\"}],"
            + "\"roots\":{\"t\":\"text\"}}");
        int partition = ((Number) first.get("partition")).intValue();
        long offset = ((Number) first.get("offset")).longValue();
        String servers = KafkaTestResource.broker().bootstrapServers();
        CompletableFuture<VersionRequest> seen = new CompletableFuture<>();
        // persistence-service's part: meet the request in the document's partition, store the version, answer
        Thread persistence = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    KafkaClientSettings.assigningConsumer(servers, "test-persistence"));
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    KafkaClientSettings.producer(servers, "test-persistence", 1 << 20))) {
                TopicPartition updates = new TopicPartition(Topics.UPDATES_DEFAULT, partition);
                consumer.assign(List.of(updates));
                consumer.seek(updates, offset + 1);
                long deadline = System.currentTimeMillis() + 30_000;
                while (!seen.isDone() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (RecordKind.of(record.headers()).orElse(null) == RecordKind.VERSION_REQUEST
                                && doc.equals(record.key())) {
                            VersionRequest request = VersionRequest.fromRecord(record);
                            storeVersion(doc, partition, 0, record.offset(), state(doc), request.label());
                            int replies = producer.partitionsFor(Topics.SYNC_REPLIES_DEFAULT).size();
                            producer.send(new VersionReply(doc, request.correlationId(), request.replyTo(),
                                VersionReply.Outcome.RECORDED, OptionalLong.of(record.offset()))
                                .toRecord(Topics.SYNC_REPLIES_DEFAULT, Partitions.forReplyTarget(request.replyTo(), replies)))
                                .get(10, TimeUnit.SECONDS);
                            seen.complete(request);
                        }
                    }
                }
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        persistence.start();
        Response taken = given().contentType("application/json").body("{\"label\":\"checkpoint\"}")
            .post("/docs/{id}/versions", doc);
        assertEquals(201, taken.statusCode(), taken.asString());
        assertEquals("checkpoint", taken.jsonPath().getString("label"));
        assertTrue(taken.header("Location").endsWith("/docs/" + doc + "/versions/" + taken.jsonPath().getLong("version")));
        VersionRequest request = seen.get(10, TimeUnit.SECONDS);
        assertEquals("checkpoint", request.label());
        persistence.join(10_000);
        given().get("/docs/{id}/versions", doc).then().statusCode(200).body("[0].label", equalTo("checkpoint"));
    }
}
