package dev.skein.auth.acl;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.auth.AclTopicReader;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import dev.skein.testkit.keycloak.TestUsers;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sharing API against real Keycloak tokens, a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AclResourceTest {

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user));
    }

    private static RequestSpecification asGateway() {
        return given().auth().oauth2(
                SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET));
    }

    private static String newDoc() {
        return "doc-" + UUID.randomUUID();
    }

    private static void grant(String owner, String doc, String principal, String role) {
        as(owner).contentType(ContentType.JSON).body("{\"role\":\"" + role + "\"}")
                .put("/documents/{doc}/grants/{p}", doc, principal).then().statusCode(200);
    }

    @Test
    void ownerCreatesGrantsListsAndRevokesAndEveryChangeIsPublished() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201).body("role", equalTo("owner"));
        grant("alice", doc, "bob", "write");
        as("alice").get("/documents/{doc}/grants", doc).then().statusCode(200)
                .body("principal", containsInAnyOrder("alice", "bob"))
                .body("role", containsInAnyOrder("owner", "write"));
        as("bob").get("/documents/{doc}/role", doc).then().statusCode(200).body("role", equalTo("write"));
        grant("alice", doc, "bob", "read");
        as("alice").delete("/documents/{doc}/grants/{p}", doc, "bob").then().statusCode(204);
        as("bob").get("/documents/{doc}/role", doc).then().statusCode(200).body("role", equalTo("none"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                new AclChange(doc, "alice", AccessRole.OWNER),
                new AclChange(doc, "bob", AccessRole.WRITE),
                new AclChange(doc, "bob", AccessRole.READ),
                new AclChange(doc, "bob", AccessRole.NONE)), AclTopicReader.changesOf(doc)));
    }

    @Test
    void onlyOwnersChangeOrListGrants() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        grant("alice", doc, "bob", "write");
        as("bob").contentType(ContentType.JSON).body("{\"role\":\"write\"}")
                .put("/documents/{doc}/grants/{p}", doc, "carol").then().statusCode(403);
        as("bob").delete("/documents/{doc}/grants/{p}", doc, "alice").then().statusCode(403);
        as("carol").get("/documents/{doc}/grants", doc).then().statusCode(403);
        as("bob").delete("/documents/{doc}", doc).then().statusCode(403);
        as("carol").post("/documents/{doc}", doc).then().statusCode(409);
        as("carol").get("/documents/{doc}/grants", newDoc()).then().statusCode(404);

        // Refused requests changed nothing and announced nothing.
        as("carol").get("/documents/{doc}/role", doc).then().body("role", equalTo("none"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                new AclChange(doc, "alice", AccessRole.OWNER),
                new AclChange(doc, "bob", AccessRole.WRITE)), AclTopicReader.changesOf(doc)));
    }

    @Test
    void ownershipCanBeSharedButTheLastOwnerStays() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        as("alice").delete("/documents/{doc}/grants/{p}", doc, "alice").then().statusCode(409);
        grant("alice", doc, "bob", "owner");
        grant("bob", doc, "carol", "read");
        as("bob").delete("/documents/{doc}/grants/{p}", doc, "alice").then().statusCode(204);
        as("alice").get("/documents/{doc}/grants", doc).then().statusCode(403);
    }

    @Test
    void groupGrantsCountAndOnlyServicesAskAboutOthers() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        grant("alice", doc, "group:editors", "read");
        // bob is in editors (his token says so), carol is not.
        as("bob").get("/documents/{doc}/role", doc).then().body("role", equalTo("read"));
        as("carol").get("/documents/{doc}/role", doc).then().body("role", equalTo("none"));
        as("carol").get("/documents/{doc}/role?principal=bob", doc).then().statusCode(403);
        asGateway().get("/documents/{doc}/role?principal=bob&group=editors", doc).then().statusCode(200)
                .body("role", equalTo("read")).body("principal", equalTo("bob"));
        asGateway().get("/documents/{doc}/role?principal=alice", doc).then().body("role", equalTo("owner"));
    }

    @Test
    void aPersonNamedLikeAServiceAccountIsAPerson() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        grant("alice", doc, "group:editors", "write");
        String impostor = TestUsers.token("service-account-x");
        // Keycloak's name for service accounts, but a person's account: no role of others, no groups claimed
        given().auth().oauth2(impostor).get("/documents/{doc}/role?principal=bob", doc).then().statusCode(403);
        given().auth().oauth2(impostor).get("/documents/{doc}/role?principal=service-account-x&group=editors", doc)
                .then().statusCode(200).body("role", equalTo("none"));
        given().auth().oauth2(impostor).get("/q/openapi").then().statusCode(403);
    }

    @Test
    void aServiceAccountWithoutTheServiceRoleIsAPerson() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        String noRole = TestClients.token("test-auth-no-role", List.of(SkeinRealm.AUTH_CLIENT), List.of(), 0);
        given().auth().oauth2(noRole).get("/documents/{doc}/role?principal=alice", doc).then().statusCode(403);
        // with the realm role, the same question is answered
        String withRole = TestClients.token("test-auth-service", List.of(SkeinRealm.AUTH_CLIENT),
                List.of(SkeinRealm.SERVICE_ROLE), 0);
        given().auth().oauth2(withRole).get("/documents/{doc}/role?principal=alice", doc).then().statusCode(200)
                .body("role", equalTo("owner"));
    }

    @Test
    void theOpenApiDocumentIsForServicesAndOperators() {
        given().get("/q/openapi").then().statusCode(401);
        as("carol").get("/q/openapi").then().statusCode(403);
        asGateway().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/documents/{docId}/role"));
    }

    @Test
    void deletingADocumentRevokesEveryGrant() {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        grant("alice", doc, "bob", "write");
        as("alice").delete("/documents/{doc}", doc).then().statusCode(204);
        as("bob").get("/documents/{doc}/role", doc).then().body("role", equalTo("none"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                new AclChange(doc, "alice", AccessRole.OWNER),
                new AclChange(doc, "bob", AccessRole.WRITE),
                new AclChange(doc, "alice", AccessRole.NONE),
                new AclChange(doc, "bob", AccessRole.NONE)), AclTopicReader.changesOf(doc)));
    }

    @Test
    void principalNamesWithQuotesAndSqlMetacharactersAreKeptVerbatim() {
        String doc = newDoc();
        String odd = "o'brien\"; DROP TABLE acl_entry; -- %_\\";
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        grant("alice", doc, odd, "write");
        as("alice").get("/documents/{doc}/grants", doc).then().statusCode(200)
                .body("principal", containsInAnyOrder("alice", odd));
        asGateway().queryParam("principal", odd).get("/documents/{doc}/role", doc).then().statusCode(200)
                .body("role", equalTo("write")).body("principal", equalTo(odd));
        // a LIKE pattern or a broken quote would match or hit other rows: nobody else gained anything
        asGateway().queryParam("principal", "o'brien").get("/documents/{doc}/role", doc).then()
                .body("role", equalTo("none"));
        as("alice").delete("/documents/{doc}/grants/{p}", doc, odd).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                new AclChange(doc, "alice", AccessRole.OWNER),
                new AclChange(doc, odd, AccessRole.WRITE),
                new AclChange(doc, odd, AccessRole.NONE)), AclTopicReader.changesOf(doc)));
    }

    @Test
    void concurrentGrantChangesEndInTheStateTheirEventsDescribe() throws Exception {
        String doc = newDoc();
        as("alice").post("/documents/{doc}", doc).then().statusCode(201);
        List<String> roles = List.of("read", "write", "none", "owner");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String role = roles.get(i % roles.size());
                String principal = i % 2 == 0 ? "bob" : "user-" + (i % 6);
                answers.add(pool.submit(() -> role.equals("none")
                        ? as("alice").delete("/documents/{doc}/grants/{p}", doc, principal).statusCode()
                        : as("alice").contentType(ContentType.JSON).body("{\"role\":\"" + role + "\"}")
                                .put("/documents/{doc}/grants/{p}", doc, principal).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                // 404: a revocation that found no grant (another request revoked it first)
                org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 204 || status == 404,
                        "status " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        // the last event of each principal, in publication order, is the role the database holds
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        for (String principal : List.of("bob", "user-1", "user-3", "user-5")) {
            stored.put(principal, asGateway().queryParam("principal", principal)
                    .get("/documents/{doc}/role", doc).then().statusCode(200).extract().path("role"));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            java.util.Map<String, String> announced = new java.util.HashMap<>();
            for (AclChange change : AclTopicReader.changesOf(doc)) {
                announced.put(change.principal(), change.role().wireName());
            }
            for (java.util.Map.Entry<String, String> entry : stored.entrySet()) {
                assertEquals(entry.getValue(), announced.getOrDefault(entry.getKey(), "none"), entry.getKey());
            }
        });
    }

    @Test
    void everyoneListsTheDocumentsTheyCanOpenWithTheirRole() {
        String own = newDoc();
        String shared = newDoc();
        String byGroup = newDoc();
        as("alice").post("/documents/{doc}", own).then().statusCode(201);
        as("alice").post("/documents/{doc}", shared).then().statusCode(201);
        as("alice").post("/documents/{doc}", byGroup).then().statusCode(201);
        grant("alice", shared, "bob", "read");
        grant("alice", byGroup, "group:editors", "write");
        grant("alice", byGroup, "bob", "read");

        List<java.util.Map<String, String>> bobs = as("bob").get("/documents").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.docId in ['" + own + "', '" + shared + "', '" + byGroup
                        + "'] }");
        assertEquals(List.of(java.util.Map.of("docId", byGroup, "role", "write"),
                java.util.Map.of("docId", shared, "role", "read")).stream()
                .sorted(java.util.Comparator.comparing(m -> m.get("docId"))).toList(), bobs,
                "bob: read on one, write through his group on the other (the stronger role), not alice's own");
        as("carol").get("/documents").then().statusCode(200)
                .body("docId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems(own, shared, byGroup)));
        as("alice").get("/documents").then().statusCode(200)
                .body("findAll { it.docId == '" + own + "' }.role", org.hamcrest.Matchers.contains("owner"));
        given().get("/documents").then().statusCode(401);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds"));
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        given().get("/documents/{doc}/role", newDoc()).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/documents/{doc}/role", newDoc()).then().statusCode(401);
        as("alice").contentType(ContentType.JSON).body("{\"role\":\"admin\"}")
                .put("/documents/{doc}/grants/{p}", newDoc(), "bob").then().statusCode(400);
    }
}
