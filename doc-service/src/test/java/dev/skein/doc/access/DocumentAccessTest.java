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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API for services (content, text, schema, edits, streams) with tokens required, against a
 * real Keycloak and Kafka: a service token ({@code skein-service}) reads and edits; an operator
 * ({@code skein-admin}) only reads; a person reads with the role read and edits with write on
 * the document (from a stand-in auth-service; a revoked grant counts from the ACL change event on,
 * although roles are cached for an hour here); no token is 401, a token without such a role 403,
 * auth-service unable to tell 503, and a refused call changes nothing.
 */
@QuarkusTest
@TestProfile(DocAuthProfile.class)
class DocumentAccessTest {

    private static final String SEED = "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"kept\"}],"
        + "\"roots\":{\"t\":\"text\"}}";
    private static final String EDIT = "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\"!\"}]}";

    @Inject
    UpdateLog log;

    @ConfigProperty(name = DocAuthProfile.AUTH_SERVICE_URL_KEY)
    String authStub;

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

    @Test
    void versionsAreReadWithReadAndTakenOrRestoredWithWrite() {
        String doc = seeded();
        String noRole = TestClients.token("test-doc-access-no-role", List.of(SkeinRealm.DOC_CLIENT), List.of(), 0);
        String ops = SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET);
        as(null).get("/docs/{id}/versions", doc).then().statusCode(401);
        as(noRole).get("/docs/{id}/versions", doc).then().statusCode(403);
        as(noRole).get("/docs/{id}/versions/1/content", doc).then().statusCode(403);
        // parameters are judged only after the access check: a bad one tells a stranger nothing
        as(noRole).get("/docs/{id}/versions/x/content?root=bad&text=bad", doc).then().statusCode(403);
        as(noRole).get("/docs/{id}/versions/1/diff?to=x&root=bad", doc).then().statusCode(403);
        as(noRole).get("/docs/{id}/versions/1?format=bad", doc).then().statusCode(403);
        as(ops).post("/docs/{id}/versions/1/restore?root=bad", doc).then().statusCode(403);
        // an operator may read: past the access check, this doc-service has no storage, so no history
        as(ops).get("/docs/{id}/versions", doc).then().statusCode(409)
            .body("type", equalTo("urn:skein:problem:history-unavailable"));
        as(ops).contentType("application/json").body("{\"label\":\"x\"}").post("/docs/{id}/versions", doc)
            .then().statusCode(403);
        as(ops).post("/docs/{id}/versions/1/restore", doc).then().statusCode(403);
        as(serviceToken()).post("/docs/{id}/versions/1/restore", doc).then().statusCode(409);
        unchanged(doc);
    }

    private static String person(String name) {
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, name, name);
    }

    private void stub(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(authStub + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 204) {
            throw new IllegalStateException(path + ": " + answer.statusCode());
        }
    }

    private void grant(String doc, String principal, String role) throws Exception {
        stub("/stub/grants?doc=" + URLEncoder.encode(doc, StandardCharsets.UTF_8) + "&principal=" + principal + "&role=" + role);
    }

    @Test
    void aPersonReadsAndEditsByTheirRoleOnTheDocument() throws Exception {
        String doc = seeded();
        String alice = person("alice");
        String bob = person("bob");
        // no grant yet: refused (and that answer is cached for an hour)
        expectReads(alice, doc, 403);
        as(alice).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(403)
            .contentType("application/problem+json").body("type", equalTo("urn:skein:problem:forbidden"));
        grant(doc, "alice", "write");
        grant(doc, "bob", "read");
        // the ACL change events, not the cache's age, let them in
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            as(alice).get("/docs/{id}/text/t", doc).then().statusCode(200));
        expectReads(alice, doc, 200);
        as(alice).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(200);
        as(alice).contentType("text/plain").body(" by alice").post("/docs/{id}/text/t/stream", doc).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expectReads(bob, doc, 200));
        expectWrites(bob, doc, 403);
        as(bob).get("/docs/{id}/text/t", doc).then().statusCode(200).body(equalTo("kept! by alice"));
    }

    @Test
    void aRevokedGrantIsRefusedFromItsChangeEventOn() throws Exception {
        String doc = seeded();
        String alice = person("alice");
        grant(doc, "alice", "owner");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            as(alice).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(200));
        grant(doc, "alice", "none");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expectReads(alice, doc, 403));
        expectWrites(alice, doc, 403);
        as(serviceToken()).get("/docs/{id}/text/t", doc).then().statusCode(200).body(equalTo("kept!"));
    }

    @Test
    void aPersonIsRefusedWith503WhileAuthServiceCannotTellAndNothingChanges() throws Exception {
        String doc = seeded();
        String carol = person("carol");
        stub("/stub/down?on=true");
        try {
            as(carol).get("/docs/{id}/content", doc).then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:skein:problem:unavailable"));
            as(carol).contentType("application/json").body(EDIT).post("/docs/{id}/edits", doc).then().statusCode(503);
            // services are known by realm role: no lookup, no outage
            as(serviceToken()).get("/docs/{id}/text/t", doc).then().statusCode(200);
        } finally {
            stub("/stub/down?on=false");
        }
        unchanged(doc);
    }
}
