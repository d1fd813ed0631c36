package dev.skein.doc.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.doc.kafka.UpdateLog;
import dev.skein.doc.rest.DocAuthProfile;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API for services (content, text, schema, edits, streams) with tokens required, against a
 * real Keycloak and Kafka: a service token ({@code skein-service}) reads and edits; an operator
 * ({@code skein-admin}) only reads; no token is 401, a token without such a role 403, and a
 * refused call changes nothing.
 */
@QuarkusTest
@TestProfile(DocAuthProfile.class)
class DocumentAccessTest {

    private static final String SEED = "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"kept\"}],"
        + "\"roots\":{\"t\":\"text\"}}";
    private static final String EDIT = "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\"!\"}]}";

    @Inject
    UpdateLog log;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    private static String serviceToken() {
        return SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET);
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    /** A document holding the text "kept", written with a service token. */
    private static String seeded() {
        String doc = "access-" + UUID.randomUUID();
        as(serviceToken()).contentType("application/json").body(SEED).post("/docs/{id}/edits", doc).then().statusCode(200);
        return doc;
    }

    private static void expectReads(String token, String doc, int status) {
        as(token).get("/docs/{id}/content", doc).then().statusCode(status);
        as(token).get("/docs/{id}/text/t", doc).then().statusCode(status);
        as(token).get("/docs/{id}/schema", doc).then().statusCode(status);
        as(token).get("/docs/{id}", doc).then().statusCode(status);
    }

    private static void expectWrites(String token, String doc, int status) {
        as(token).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(status);
        as(token).contentType("application/json").body("{\"roots\":{\"t\":\"text\"}}").put("/docs/{id}/schema", doc)
            .then().statusCode(status);
        as(token).contentType("text/plain").body("streamed").post("/docs/{id}/text/t/stream", doc).then().statusCode(status);
    }

    private static void unchanged(String doc) {
        as(serviceToken()).get("/docs/{id}/text/t", doc).then().statusCode(200).body(equalTo("kept"));
        as(serviceToken()).get("/docs/{id}/schema", doc).then().statusCode(200).body(equalTo("{\"roots\":{}}"));
    }

    @Test
    void aServiceTokenReadsEditsAndStreams() {
        String doc = seeded();
        String token = serviceToken();
        expectReads(token, doc, 200);
        as(token).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(200);
        as(token).contentType("text/plain").body(" streamed").post("/docs/{id}/text/t/stream", doc).then().statusCode(200);
        as(token).contentType("application/json").body("{\"roots\":{\"t\":\"text\"}}").put("/docs/{id}/schema", doc)
            .then().statusCode(200);
        as(token).get("/docs/{id}/text/t", doc).then().statusCode(200).body(equalTo("kept! streamed"));
    }

    @Test
    void withoutATokenEveryDocumentCallIs401AndChangesNothing() {
        String doc = seeded();
        expectReads(null, doc, 401);
        expectWrites(null, doc, 401);
        expectWrites("not-a-token", doc, 401);
        unchanged(doc);
    }

    @Test
    void aTokenWithoutARoleIs403AndChangesNothing() {
        String doc = seeded();
        String noRole = TestClients.token("test-doc-access-no-role", List.of(SkeinRealm.DOC_CLIENT), List.of(), 0);
        expectReads(noRole, doc, 403);
        expectWrites(noRole, doc, 403);
        as(noRole).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(403)
            .contentType("application/problem+json").body("type", equalTo("urn:skein:problem:forbidden"));
        unchanged(doc);
    }

    @Test
    void anOperatorReadsButDoesNotEdit() {
        String doc = seeded();
        String ops = SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET);
        expectReads(ops, doc, 200);
        expectWrites(ops, doc, 403);
        unchanged(doc);
    }
}
