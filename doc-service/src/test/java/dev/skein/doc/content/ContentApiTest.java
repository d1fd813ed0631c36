package dev.skein.doc.content;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.doc.edit.EditApplier;
import dev.skein.doc.edit.EditOps;
import dev.skein.doc.edit.StreamAnchors;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Documents as JSON and text over REST, against a real broker, from updates a Yjs client would send. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ContentApiTest {

    @Inject
    UpdateLog log;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    /** A document with a formatted text, a map with a nested text, an array and an XML fragment, posted as one update. */
    private static String postSample() {
        Doc doc = new Doc();
        byte[] update = doc.captureUpdate(t -> new EditApplier(doc, new StreamAnchors(1), (n, r) -> { }).apply(EditOps.parse("""
            {"ops":[
             {"op":"text.insert","root":"title","index":0,"text":"Hello"},
             {"op":"text.insert","root":"title","index":"end","text":" world","attributes":{"bold":true}},
             {"op":"map.set","root":"meta","key":"n","value":{"$ytext":"nested"}},
             {"op":"map.set","root":"meta","key":"tags","value":["a",1,true,null]},
             {"op":"array.insert","root":"items","index":0,"values":[1,{"x":"y"}]},
             {"op":"xml.insert","root":"body","index":0,"nodes":[{"element":"p","attributes":{"b":"2","a":"1"},"children":[{"text":"hi"}]}]}],
             "roots":{"title":"text","meta":"map","items":"array","body":"xml"}}""")));
        String id = "content-" + UUID.randomUUID();
        given().contentType("application/octet-stream").body(update).post("/docs/{id}/updates", id).then().statusCode(202);
        return id;
    }

    private static Response awaitContent(String id, String query) {
        Response[] response = new Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            response[0] = given().get("/docs/{id}/content" + query, id);
            return response[0].statusCode() == 200;
        });
        return response[0];
    }

    @Test
    void jsonAsYjsGivesItWithTypesInferred() {
        String id = postSample();
        Response response = awaitContent(id, "");
        assertEquals("{\"title\":\"Hello world\",\"meta\":{\"n\":\"nested\",\"tags\":[\"a\",1,true,null]},"
            + "\"items\":[1,{\"x\":\"y\"}],\"body\":\"<p a=\\\"1\\\" b=\\\"2\\\">hi</p>\"}", response.asString());
        assertEquals("title=text,meta=map,items=array,body=xml", response.header(ContentResource.ROOT_TYPES));
        assertEquals("title,meta,items,body", response.header(ContentResource.INFERRED));
    }

    @Test
    void namedRootsAndDeltas() {
        String id = postSample();
        Response named = awaitContent(id, "?root=title:text&root=missing:array");
        assertEquals("{\"title\":\"Hello world\",\"missing\":[]}", named.asString());
        assertEquals("", named.header(ContentResource.INFERRED));
        Response delta = awaitContent(id, "?root=title:text&text=delta");
        assertEquals("{\"title\":[{\"insert\":\"Hello\"},{\"insert\":\" world\",\"attributes\":{\"bold\":true}}]}",
            delta.asString());
        given().get("/docs/{id}/text/{root}", id, "title").then().statusCode(200).contentType("text/plain")
            .body(equalTo("Hello world"));
    }

    @Test
    void refusals() {
        String id = postSample();
        awaitContent(id, "");
        given().get("/docs/{id}/content", "content-none-" + UUID.randomUUID()).then().statusCode(404)
            .contentType("application/problem+json");
        given().get("/docs/{id}/content?root=title", id).then().statusCode(400)
            .body("type", equalTo("urn:skein:problem:invalid-parameter"));
        given().get("/docs/{id}/content?root=title:set", id).then().statusCode(400);
        given().get("/docs/{id}/content?text=html", id).then().statusCode(400);
        given().get("/docs/{id}/content", "bad id").then().statusCode(400)
            .body("type", equalTo("urn:skein:problem:invalid-document-id"));
        given().get("/docs/{id}/text/{root}", id, "meta").then().statusCode(422)
            .body("type", equalTo("urn:skein:problem:wrong-type"));
        given().get("/docs/{id}/text/{root}", id, "nope").then().statusCode(404)
            .body("type", equalTo("urn:skein:problem:unknown-root"));
        given().get("/docs/{id}/text/{root}", "content-none-" + UUID.randomUUID(), "t").then().statusCode(404);
    }

    @Test
    void schemaTypesRootsForEveryone() {
        String id = postSample();
        awaitContent(id, "");
        given().contentType("application/json").body("{\"roots\":{\"title\":\"text\",\"notes\":\"array\"}}")
            .put("/docs/{id}/schema", id).then().statusCode(200);
        given().get("/docs/{id}/schema", id).then().statusCode(200)
            .body(equalTo("{\"roots\":{\"notes\":\"array\",\"title\":\"text\"}}"));
        Response content = awaitContent(id, "");
        assertEquals("title,meta,items,body,notes".split(",").length,
            ((java.util.Map<?, ?>) Json.parse(content.asString())).size());
        assertEquals("meta,items,body", content.header(ContentResource.INFERRED));
        given().contentType("application/json").body("{\"roots\":{\"title\":\"map\"}}")
            .put("/docs/{id}/schema", id).then().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").body("{\"roots\":{\"title\":\"text\",\"notes\":\"array\"}}")
            .put("/docs/{id}/schema", id).then().statusCode(200);
        given().contentType("application/json").body("{\"roots\":{\"meta\":\"text\"}}")
            .put("/docs/{id}/schema", "content-new-" + UUID.randomUUID()).then().statusCode(200);
        given().contentType("application/json").body("[]").put("/docs/{id}/schema", id).then().statusCode(422);
    }
}
