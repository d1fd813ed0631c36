package dev.skein.persistence.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin API with {@code skein.persistence.auth.enabled=true} against real Keycloak tokens:
 * every call but health and metrics needs a token of the skein realm for the
 * {@code skein-persistence} audience with the role {@code skein-admin}.
 */
@QuarkusTest
@TestProfile(AdminAuthProfile.class)
class AdminAuthTest {

    private static String newDoc() {
        return "admin-auth-" + UUID.randomUUID();
    }

    private static String opsToken() {
        return SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET);
    }

    private static RequestSpecification with(String token) {
        return given().auth().oauth2(token);
    }

    /** Every admin call answers {@code status} for {@code request}. */
    private static void allAnswer(java.util.function.Supplier<RequestSpecification> request, int status) {
        String doc = newDoc();
        request.get().get("/admin/docs/{id}/objects", doc).then().statusCode(status);
        request.get().post("/admin/docs/{id}/compaction", doc).then().statusCode(status);
        request.get().get("/admin/docs/{id}/export", doc).then().statusCode(status);
    }

    @Test
    void anAdminTokenListsCompactsAndExports() {
        String token = opsToken();
        String doc = newDoc();
        with(token).get("/admin/docs/{id}/objects", doc).then().statusCode(200).body("docId", equalTo(doc));
        with(token).post("/admin/docs/{id}/compaction", doc).then().statusCode(200).body("outcome", equalTo("empty"));
        with(token).get("/admin/docs/{id}/export", doc).then().statusCode(404);
    }

    @Test
    void withoutATokenOnlyHealthAndMetricsAnswer() {
        allAnswer(() -> given(), 401);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void invalidTokensAreRefusedWith401() {
        allAnswer(() -> with("not-a-token"), 401);
        String tampered = TestClients.tampered(opsToken());
        allAnswer(() -> with(tampered), 401);
        // a valid token of the realm for doc-service, not for persistence-service
        String backend = SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET);
        allAnswer(() -> with(backend), 401);
    }

    @Test
    void expiredTokensAreRefusedWith401() {
        String shortLived = TestClients.token("test-persistence-short", List.of(SkeinRealm.PERSISTENCE_CLIENT),
            List.of(SkeinRealm.ADMIN_ROLE), 2);
        Instant expiry = TestClients.expiry(shortLived);
        with(shortLived).get("/admin/docs/{id}/objects", newDoc()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        allAnswer(() -> with(shortLived), 401);
    }

    @Test
    void validTokensWithoutTheRoleAreRefusedWith403() {
        // skein-persistence audience, but the skein-service role only (and one with no role at all)
        String service = TestClients.token("test-persistence-service-role", List.of(SkeinRealm.PERSISTENCE_CLIENT),
            List.of(SkeinRealm.SERVICE_ROLE), 0);
        allAnswer(() -> with(service), 403);
        String noRole = TestClients.token("test-persistence-no-role", List.of(SkeinRealm.PERSISTENCE_CLIENT), List.of(), 0);
        allAnswer(() -> with(noRole), 403);
    }
}
