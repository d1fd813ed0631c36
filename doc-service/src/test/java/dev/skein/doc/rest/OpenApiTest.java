package dev.skein.doc.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.kafka.UpdateLog;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document names every endpoint and every operation type (the embed and formatted
 * XML text forms too), and its example edit requests are real: applied one after the other to a
 * new document they all succeed (against a real broker) and give the content this test expects.
 * Every version endpoint shows an example answer and names the access refusal.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OpenApiTest {

    private static final List<String> OPERATIONS = List.of("text.insert", "text.delete", "text.format", "map.set",
        "map.delete", "array.insert", "array.delete", "xml.insert", "xml.delete", "xml.setAttribute",
        "xml.removeAttribute", "schema.set");

    @Inject
    UpdateLog log;

    private static Map<?, ?> openApi() {
        return (Map<?, ?>) Json.parse(given().queryParam("format", "json").get("/q/openapi")
            .then().statusCode(200).extract().asString());
    }

    @Test
    void everyEndpointIsDocumented() {
        Map<?, ?> paths = (Map<?, ?>) openApi().get("paths");
        Map<String, Set<String>> expected = Map.ofEntries(
            Map.entry("/docs/{id}", Set.of("get")),
            Map.entry("/docs/{id}/state-vector", Set.of("get")),
            Map.entry("/docs/{id}/updates", Set.of("post")),
            Map.entry("/docs/{id}/content", Set.of("get")),
            Map.entry("/docs/{id}/text/{root}", Set.of("get")),
            Map.entry("/docs/{id}/schema", Set.of("get", "put")),
            Map.entry("/docs/{id}/edits", Set.of("post")),
            Map.entry("/docs/{id}/text/{root}/stream", Set.of("post")),
            Map.entry("/docs/{id}/versions", Set.of("get", "post")),
            Map.entry("/docs/{id}/versions/{version}", Set.of("get")),
            Map.entry("/docs/{id}/versions/{version}/content", Set.of("get")),
            Map.entry("/docs/{id}/versions/{version}/diff", Set.of("get")),
            Map.entry("/docs/{id}/versions/{version}/restore", Set.of("post")));
        expected.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
            Map<?, ?> operations = (Map<?, ?>) paths.get(path);
            for (String method : methods) {
                Map<?, ?> operation = (Map<?, ?>) operations.get(method);
                assertTrue(operation != null && operation.get("summary") instanceof String, method + " " + path);
            }
        });
    }

    @Test
    void everyOperationTypeIsDescribedAndItsExampleApplies() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
        Map<?, ?> post = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) openApi().get("paths")).get("/docs/{id}/edits")).get("post");
        String description = (String) post.get("description");
        Map<?, ?> examples = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) post.get("requestBody")).get("content"))
            .get("application/json")).get("examples");
        String allExamples = Json.stringify(examples);
        for (String op : OPERATIONS) {
            assertTrue(description.contains(op + " {"), op + " described");
            assertTrue(allExamples.contains("\"op\":\"" + op + "\""), op + " has an example");
        }
        String doc = "openapi-" + UUID.randomUUID();
        assertTrue(description.contains("embed: {...}"), "text.insert of an embed described");
        assertTrue(description.contains("{\"delta\":[{\"insert\""), "xml.insert of formatted text described");
        for (String name : List.of("text.insert", "text.delete", "text.format", "text.insert of an embed",
                "map.set and map.delete", "nested text (path)", "array.insert and array.delete",
                "xml.insert, xml.setAttribute, xml.removeAttribute, xml.delete", "xml.insert of formatted text (delta)",
                "schema.set")) {
            // the generator shows a JSON example as the JSON value itself
            Object value = ((Map<?, ?>) examples.get(name)).get("value");
            String body = value instanceof String text ? text : Json.stringify(value);
            given().contentType("application/json").body(body).post("/docs/{id}/edits", doc)
                .then().statusCode(200);
        }
        Object content = Json.parse(given().get("/docs/{id}/content", doc).then().statusCode(200).extract().asString());
        assertEquals(sorted(Json.parse("""
            {"title":"notes","meta":{"summary":"first draft"},"tags":[2,{"k":true}],\
            "body":"<paragraph>Decisions</paragraph><paragraph>Owner: <bold>ops</bold></paragraph>"}""")),
            sorted(content));
        assertEquals("[{\"insert\":\"notes\",\"attributes\":{\"italic\":true}},{\"insert\":{\"image\":"
            + "\"https://example.com/chart.png\"}}]", Json.stringify(((Map<?, ?>) Json.parse(
            given().get("/docs/{id}/content?root=title:text&text=delta", doc).then().statusCode(200).extract().asString()))
            .get("title")));
        assertEquals(sorted(Json.parse("{\"roots\":{\"title\":\"text\",\"tags\":\"array\",\"meta\":\"map\",\"body\":\"xml\"}}")),
            sorted(Json.parse(given().get("/docs/{id}/schema", doc).then().statusCode(200).extract().asString())));
    }

    @Test
    void everyVersionEndpointHasAnExampleAnswer() {
        Map<?, ?> paths = (Map<?, ?>) openApi().get("paths");
        Map<String, String> answers = Map.of(
            "get /docs/{id}/versions", "200",
            "post /docs/{id}/versions", "201",
            "get /docs/{id}/versions/{version}/content", "200",
            "get /docs/{id}/versions/{version}/diff", "200",
            "post /docs/{id}/versions/{version}/restore", "200");
        answers.forEach((route, status) -> {
            String[] methodAndPath = route.split(" ");
            Map<?, ?> operation = (Map<?, ?>) ((Map<?, ?>) paths.get(methodAndPath[1])).get(methodAndPath[0]);
            Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) operation.get("responses")).get(status)).get("content");
            Map<?, ?> examples = (Map<?, ?>) ((Map<?, ?>) content.get("application/json")).get("examples");
            assertTrue(examples != null && !examples.isEmpty(), route + " has an example answer");
            assertTrue(((Map<?, ?>) operation.get("responses")).containsKey("403"), route + " names the access refusal");
        });
        Map<?, ?> take = (Map<?, ?>) ((Map<?, ?>) paths.get("/docs/{id}/versions")).get("post");
        Object label = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) take.get("requestBody")).get("content"))
            .get("application/json")).get("examples")).get("label")).get("value");
        assertEquals(Map.of("label", "before review"), label instanceof String text ? Json.parse(text) : label);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put((String) k, sorted(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(OpenApiTest::sorted).toList();
        }
        return value;
    }
}
