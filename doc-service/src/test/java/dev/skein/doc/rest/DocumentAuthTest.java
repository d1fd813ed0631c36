package dev.skein.doc.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.doc.TestUpdates;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API with {@code skein.doc.auth.enabled=true} against real Keycloak tokens: a token of
 * the skein realm for the {@code skein-doc} audience with the role {@code skein-service} is needed
 * for everything but health and metrics; {@code skein-admin} may read.
 */
@QuarkusTest
@TestProfile(DocAuthProfile.class)
class DocumentAuthTest {

    @Inject
    UpdateLog log;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
    }

    private static String newDoc() {
        return "auth-" + UUID.randomUUID();
    }

    private static String backendToken() {
        return SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET);
    }

    private static RequestSpecification with(String token) {
        return given().auth().oauth2(token);
    }

    private static void postUpdate(RequestSpecification request, String doc, int status) {
        request.contentType("application/octet-stream").body(TestUpdates.text(7, 0, "x"))
            .when().post("/docs/{id}/updates", doc).then().statusCode(status);
    }

    @Test
    void aServiceTokenWritesAndReads() {
        String doc = newDoc();
        String token = backendToken();
        with(token).contentType("application/octet-stream").body(TestUpdates.text(7, 0, "hello"))
            .when().post("/docs/{id}/updates", doc).then().statusCode(202).body("docId", equalTo(doc));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> with(token).get("/docs/{id}", doc).statusCode() == 200);
        with(token).get("/docs/{id}/state-vector", doc).then().statusCode(200);
    }

    @Test
    void withoutATokenOnlyHealthAndMetricsAnswer() {
        String doc = newDoc();
        postUpdate(given(), doc, 401);
        given().get("/docs/{id}", doc).then().statusCode(401);
        given().get("/docs/{id}/state-vector", doc).then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void invalidTokensAreRefusedWith401() {
        String doc = newDoc();
        postUpdate(with("not-a-token"), doc, 401);
        postUpdate(with(TestClients.tampered(backendToken())), doc, 401);
        // the gateway's service account: a valid token of the realm, but not for skein-doc
        String gateway = SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET);
        postUpdate(with(gateway), doc, 401);
        with(gateway).get("/docs/{id}", doc).then().statusCode(401);
    }

    @Test
    void expiredTokensAreRefusedWith401() {
        String doc = newDoc();
        String shortLived = TestClients.token("test-doc-short", List.of(SkeinRealm.DOC_CLIENT),
            List.of(SkeinRealm.SERVICE_ROLE), 2);
        Instant expiry = TestClients.expiry(shortLived);
        postUpdate(with(shortLived), doc, 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        postUpdate(with(shortLived), doc, 401);
    }

    @Test
    void validTokensWithoutTheRoleAreRefusedWith403() {
        String doc = newDoc();
        String noRole = TestClients.token("test-doc-no-role", List.of(SkeinRealm.DOC_CLIENT), List.of(), 0);
        postUpdate(with(noRole), doc, 403);
        with(noRole).get("/docs/{id}", doc).then().statusCode(403);
        // operators read documents but do not write them
        String ops = SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET);
        postUpdate(with(ops), doc, 403);
        with(ops).get("/docs/{id}", doc).then().statusCode(404);
    }
}
