package dev.skein.doc.edit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.Topics;
import dev.skein.doc.changes.ChangeReplay;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edits over REST against a real broker: applied by the owner as its own client, produced as an
 * update (offset and state vector answered), refused with the operation named and nothing applied,
 * and followed through the change topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class EditApiTest {

    @Inject
    UpdateLog log;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    private static String newDoc() {
        return "edit-" + UUID.randomUUID();
    }

    private static io.restassured.response.Response edit(String doc, String json) {
        return given().contentType("application/json").body(json).post("/docs/{id}/edits", doc);
    }

    private static String seed(String doc) {
        return edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"abc\"},"
            + "{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"k\",\"value\":1}],\"roots\":{\"t\":\"text\",\"m\":\"map\"}}")
            .then().statusCode(200).extract().asString();
    }

    @Test
    void anEditIsProducedAsAnUpdateAndAnswersItsOffsetAndStateVector() {
        String doc = newDoc();
        String answer = edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\"hi\"}],"
            + "\"roots\":{\"t\":\"text\"}}").then().statusCode(200)
            .body("docId", equalTo(doc)).body("offset", notNullValue()).body("positions[0]", notNullValue())
            .extract().asString();
        Map<?, ?> result = (Map<?, ?>) Json.parse(answer);
        Map<?, ?> stateVector = (Map<?, ?>) result.get("stateVector");
        assertEquals(1, stateVector.size());
        assertEquals(2.0, stateVector.values().iterator().next());
        given().get("/docs/{id}/content", doc).then().statusCode(200).body(equalTo("{\"t\":\"hi\"}"));
        // the update is an ordinary one: a Yjs client loading the document sees it
        Doc client = new Doc();
        client.applyUpdate(given().get("/docs/{id}", doc).then().statusCode(200).extract().asByteArray());
        assertEquals("hi", client.getText("t").toString());
        // reads see every edit before them; edits apply to the current state
        edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\"!\"}]}").then().statusCode(200);
        given().get("/docs/{id}/text/t", doc).then().statusCode(200).body(equalTo("hi!"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        index out of range    | {"ops":[{"op":"map.set","root":"m","key":"x","value":2},{"op":"text.insert","root":"t","index":9,"text":"x"}]} | 1
        range out of range    | {"ops":[{"op":"text.insert","root":"t","index":0,"text":"x"},{"op":"text.delete","root":"t","index":2,"length":5}]} | 1
        unknown root          | {"ops":[{"op":"text.insert","root":"t","index":0,"text":"x"},{"op":"text.insert","root":"u","index":0,"text":"x"}]} | 1
        wrong type            | {"ops":[{"op":"map.set","root":"t","key":"k","value":1}]} | 0
        malformed operation   | {"ops":[{"op":"text.insert","root":"t","index":0,"text":"x"},{"op":"text.insert","root":"t","text":"x"}]} | 1
        unknown operation     | {"ops":[{"op":"text.replace","root":"t"}]} | 0
        not JSON              | {"ops": | -1
        no operations         | {"ops":[]} | -1
        """)
    void refusedEditsNameTheOperationAndApplyNothing(String what, String json, int op) {
        String doc = newDoc();
        seed(doc);
        byte[] before = given().get("/docs/{id}/state-vector", doc).then().statusCode(200).extract().asByteArray();
        edit(doc, json).then().statusCode(422).contentType("application/problem+json")
            .body("type", equalTo("urn:skein:problem:invalid-edit")).body("op", equalTo(op));
        // a later edit still applies to the state without any of the refused one
        edit(doc, "{\"ops\":[{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"after\",\"value\":true}]}").then().statusCode(200);
        // (roots and keys in the order the merged state lists them: compare as JSON values)
        assertEquals(sortedJson("{\"t\":\"abc\",\"m\":{\"k\":1,\"after\":true}}"),
            sortedJson(given().get("/docs/{id}/content", doc).then().statusCode(200).extract().asString()));
        byte[] after = given().get("/docs/{id}/state-vector", doc).then().extract().asByteArray();
        assertTrue(after.length >= before.length, what);
    }

    private static String sortedJson(String json) {
        return sorted(Json.parse(json)).toString();
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> out.put((String) k, sorted(x)));
            return out;
        }
        return v;
    }

    @Test
    void otherRefusals() {
        String doc = newDoc();
        seed(doc);
        given().contentType("application/json").body("{\"ops\":[" + "{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"k\",\"value\":\"x\"},".repeat(30_000)
            + "{\"op\":\"map.delete\",\"root\":\"m\",\"key\":\"k\"}]}").post("/docs/{id}/edits", doc)
            .then().statusCode(413).contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/docs/{id}/edits", "bad id").then().statusCode(400);
        given().contentType("application/json").body("").post("/docs/{id}/edits", doc).then().statusCode(422);
        // a document that does not exist has no roots: an edit must name the root's type
        edit(newDoc(), "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"x\"}]}")
            .then().statusCode(422).body("op", equalTo(0));
        given().get("/docs/{id}/content", doc).then().statusCode(200).body(equalTo("{\"t\":\"abc\",\"m\":{\"k\":1}}"));
    }

    @Test
    void changeEventsFollowEditsAndUpdatesWithoutYjs() {
        String doc = newDoc();
        try (KafkaConsumer<String, byte[]> changes = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
                KafkaTestResource.broker().bootstrapServers(), "test-changes-" + doc))) {
            List<TopicPartition> partitions = changes.partitionsFor(Topics.CHANGES_DEFAULT, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            changes.assign(partitions);
            changes.seekToEnd(partitions);
            partitions.forEach(p -> changes.position(p, Duration.ofSeconds(10)));

            seed(doc);
            edit(doc, "{\"ops\":[{\"op\":\"text.format\",\"root\":\"t\",\"index\":1,\"length\":2,\"attributes\":{\"bold\":true}},"
                + "{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"n\",\"value\":{\"$yarray\":[1]}}]}").then().statusCode(200);
            edit(doc, "{\"ops\":[{\"op\":\"array.insert\",\"root\":\"m\",\"path\":[\"n\"],\"index\":\"end\",\"values\":[2]},"
                + "{\"op\":\"text.delete\",\"root\":\"t\",\"index\":0,\"length\":1},{\"op\":\"map.delete\",\"root\":\"m\",\"key\":\"k\"}]}")
                .then().statusCode(200);
            // an update from a Yjs client of its own (not through the edit API)
            Doc client = new Doc();
            client.applyUpdate(given().get("/docs/{id}", doc).then().extract().asByteArray());
            byte[] update = client.captureUpdate(t -> client.getText("t").insert(0, "Z"));
            given().contentType("application/octet-stream").body(update).post("/docs/{id}/updates", doc).then().statusCode(202);
            String expected = "{\"t\":[{\"insert\":\"Z\"},{\"insert\":\"bc\",\"attributes\":{\"bold\":true}}],\"m\":{\"n\":[1,2]}}";
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/docs/{id}/content?text=delta", doc).asString()
                .equals(expected));

            Map<String, Object> followed = new LinkedHashMap<>();
            List<Map<?, ?>> entries = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : changes.poll(Duration.ofMillis(100))) {
                    if (doc.equals(r.key())) {
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        ChangeReplay.applyRecord(followed, value);
                        for (Object e : (List<?>) ((Map<?, ?>) Json.parse(value)).get("changes")) {
                            entries.add((Map<?, ?>) e);
                        }
                    }
                }
                return entries.size() >= 4;
            });
            assertEquals(expected, Json.stringify(followed));
            assertEquals(List.of("edit", "edit", "edit", "update"), entries.stream().map(e -> e.get("kind")).toList());
            Map<?, ?> origin = (Map<?, ?>) entries.get(3).get("origin");
            assertTrue(((String) origin.get("source")).endsWith("/rest"), origin.toString());
            assertEquals(List.of((double) client.clientId()), origin.get("clients"));
        }
    }
}
