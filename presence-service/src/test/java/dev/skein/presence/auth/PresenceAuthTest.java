package dev.skein.presence.auth;

import dev.skein.testkit.auth.AuthServiceStub;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skein.presence.AwarenessTopic;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import dev.skein.testkit.keycloak.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * presence-service with authentication on, against real Keycloak tokens, the real Kafka broker
 * (awareness records and ACL change events) and a real Redis; people's roles come from
 * {@link AuthServiceStub}. Every refusal path: no, invalid, expired and wrong-audience tokens 401;
 * a person without access 403 on REST and on the event stream; a revoked grant ends a stream's
 * events of that document; auth-service away 503 for people while services still see everything.
 */
@QuarkusTest
@TestProfile(PresenceAuthProfile.class)
class PresenceAuthTest {

    private static final String GATEWAY = "gw-auth";
    private static final AtomicLong CLIENT_IDS = new AtomicLong(5000);
    private static AwarenessTopic topic;
    private static ScheduledFuture<?> alive;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = PresenceAuthProfile.AUTH_SERVICE_URL_KEY)
    String stubUrl;

    @BeforeAll
    static void gateway() {
        topic = new AwarenessTopic();
        alive = topic.keepAlive(GATEWAY);
    }

    @AfterAll
    static void stopGateway() {
        alive.cancel(false);
        topic.close();
    }

    @BeforeEach
    void consuming() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String doc = "warmup-" + UUID.randomUUID();
            topic.state(GATEWAY, doc, 1, 1, "{}");
            return asService().get("/docs/{id}/presence", doc).jsonPath().getList("clients").size() == 1;
        });
    }

    private static String person(String user) {
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user);
    }

    private static String serviceToken() {
        return SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(person(user));
    }

    private static RequestSpecification asService() {
        return given().auth().oauth2(serviceToken());
    }

    private static String newDoc(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Puts a client (principal {@code anonymous}) into a document; returns its client id. */
    private static long join(String doc) {
        long client = CLIENT_IDS.incrementAndGet();
        topic.state(GATEWAY, doc, client, 1, "{\"user\":{\"name\":\"c" + client + "\"}}");
        return client;
    }

    private void grant(String doc, String principal, String role) throws Exception {
        stub("POST", "/stub/grants?doc=" + enc(doc) + "&principal=" + enc(principal) + "&role=" + role);
    }

    private String stub(String method, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stubUrl + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, response.toString());
        return response.body();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> routes(String doc) {
        return List.of("/docs/" + doc + "/presence", "/docs/" + doc + "/awareness", "/presence/users/alice",
                "/presence/events?docId=" + doc, "/q/openapi");
    }

    @Test
    void everyRouteButHealthAndMetricsNeedsAValidTokenForThisAudience() {
        String doc = newDoc("tokens");
        String backend = SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET);
        String shortLived = TestClients.token("test-presence-short", List.of(SkeinRealm.PRESENCE_CLIENT),
                List.of(SkeinRealm.SERVICE_ROLE), 2);
        given().auth().oauth2(shortLived).get("/docs/{id}/presence", doc).then().statusCode(200);
        Instant expiry = TestClients.expiry(shortLived);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        for (String route : routes(doc)) {
            given().get(route).then().statusCode(401);
            given().auth().oauth2("not-a-token").get(route).then().statusCode(401);
            given().auth().oauth2(TestClients.tampered(serviceToken())).get(route).then().statusCode(401);
            // a valid token of the realm with every role, but for doc-service
            given().auth().oauth2(backend).get(route).then().statusCode(401);
            given().auth().oauth2(shortLived).get(route).then().statusCode(401);
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aPersonSeesOnlyTheDocumentsTheyMayRead() throws Exception {
        String readable = newDoc("readable");
        String other = newDoc("other");
        grant(readable, "bob", "read");
        long inReadable = join(readable);
        join(other);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                asService().get("/docs/{id}/presence", other).jsonPath().getList("clients").size() == 1);
        as("bob").get("/docs/{id}/presence", readable).then().statusCode(200)
                .body("clients[0].clientId", equalTo((int) inReadable));
        as("bob").get("/docs/{id}/awareness", readable).then().statusCode(200);
        as("bob").get("/docs/{id}/presence", other).then().statusCode(403);
        as("bob").get("/docs/{id}/awareness", other).then().statusCode(403);
        as("bob").get("/presence/events?docId={id}", other).then().statusCode(403);
        // carol has no grant on either; bob's group editors counts for him and alice
        as("carol").get("/docs/{id}/presence", readable).then().statusCode(403);
        grant(other, "group:editors", "read");
        as("alice").get("/docs/{id}/presence", other).then().statusCode(200);
        as("carol").get("/docs/{id}/presence", other).then().statusCode(403);
    }

    @Test
    void aPersonSeesOnlyWhereThemselvesAre() {
        as("bob").get("/presence/users/bob").then().statusCode(200).body("principal", equalTo("bob"));
        as("bob").get("/presence/users/alice").then().statusCode(403);
        asService().get("/presence/users/alice").then().statusCode(200);
    }

    @Test
    void servicesAndOperatorsSeeEveryDocument() {
        String doc = newDoc("services");
        join(doc);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                asService().get("/docs/{id}/presence", doc).jsonPath().getList("clients").size() == 1);
        asService().get("/docs/{id}/awareness", doc).then().statusCode(200);
        String operator = TestClients.token("test-presence-ops", List.of(SkeinRealm.PRESENCE_CLIENT),
                List.of(SkeinRealm.ADMIN_ROLE), 0);
        given().auth().oauth2(operator).get("/docs/{id}/presence", doc).then().statusCode(200);
        given().auth().oauth2(operator).get("/q/openapi").then().statusCode(200);
        as("alice").get("/q/openapi").then().statusCode(403);
    }

    @Test
    void aServiceAccountNameGivesNoPowers() throws Exception {
        String doc = newDoc("impostor");
        grant(doc, "group:editors", "read");
        join(doc);
        String impostor = TestUsers.token("service-account-x");
        given().auth().oauth2(impostor).get("/docs/{id}/presence", doc).then().statusCode(403);
        given().auth().oauth2(impostor).get("/presence/users/bob").then().statusCode(403);
        given().auth().oauth2(impostor).get("/presence/users/service-account-x").then().statusCode(200);
        // a real service account without a role of the realm is a person too
        String noRole = TestClients.token("test-presence-no-role", List.of(SkeinRealm.PRESENCE_CLIENT), List.of(), 0);
        given().auth().oauth2(noRole).get("/docs/{id}/presence", doc).then().statusCode(403);
        given().auth().oauth2(noRole).get("/presence/users/bob").then().statusCode(403);
    }

    @Test
    void theEventStreamShowsEachSubscriberOnlyTheDocumentsTheyMayRead() throws Exception {
        String readable = newDoc("stream-readable");
        String other = newDoc("stream-other");
        grant(readable, "bob", "read");
        try (EventStream bob = new EventStream(base, "/presence/events", person("bob"));
                EventStream service = new EventStream(base, "/presence/events", serviceToken())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.answered() && service.answered());
            assertEquals(200, bob.status());
            long hidden = join(other);
            await().atMost(Duration.ofSeconds(10)).until(() -> service.has("joined", other, hidden));
            // published after the hidden one: once bob has it, he would have had the hidden one first
            long shown = join(readable);
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.has("joined", readable, shown));
            assertFalse(bob.hasAnyOf(other), bob.events().toString());
        }
    }

    @Test
    void revokingAGrantStopsTheDocumentsEventsWithinASecond() throws Exception {
        String doc = newDoc("revoke");
        grant(doc, "bob", "read");
        try (EventStream bob = new EventStream(base, "/presence/events?docId=" + doc, person("bob"));
                EventStream service = new EventStream(base, "/presence/events?docId=" + doc, serviceToken())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.answered() && service.answered());
            long before = join(doc);
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.has("joined", doc, before));
            grant(doc, "bob", "none");
            Instant revoked = Instant.now();
            // keep the document busy for 2.5 s: the service sees it all, bob nothing past the first second
            long last = before;
            while (Instant.now().isBefore(revoked.plusMillis(2500))) {
                last = join(doc);
                long expected = last;
                await().atMost(Duration.ofSeconds(5)).until(() -> service.has("joined", doc, expected));
            }
            long lastJoined = last;
            await().atMost(Duration.ofSeconds(5)).until(() -> service.has("joined", doc, lastJoined));
            long cutoff = revoked.plusSeconds(1).toEpochMilli();
            assertTrue(service.events().stream().anyMatch(e -> e.path("at").asLong() > cutoff + 1000));
            List<JsonNode> late = bob.events().stream().filter(e -> e.path("at").asLong() > cutoff).toList();
            assertEquals(List.of(), late, "events bob got more than 1 s after the revocation");
        }
    }

    @Test
    void withAuthServiceAwayPeopleGet503AndServicesStillSeeEverything() throws Exception {
        String doc = newDoc("away");
        join(doc);
        stub("POST", "/stub/down?on=true");
        try {
            as("bob").get("/docs/{id}/presence", doc).then().statusCode(503).body("error", equalTo("access-unknown"));
            asService().get("/docs/{id}/presence", doc).then().statusCode(200);
        } finally {
            stub("POST", "/stub/down?on=false");
        }
    }

    @Test
    void rolesAreCachedUntilTheDocumentsAclChanges() throws Exception {
        String doc = newDoc("cached");
        grant(doc, "bob", "read");
        as("bob").get("/docs/{id}/presence", doc).then().statusCode(200);
        int lookups = Integer.parseInt(stub("GET", "/stub/lookups"));
        for (int i = 0; i < 5; i++) {
            as("bob").get("/docs/{id}/presence", doc).then().statusCode(200);
        }
        assertEquals(lookups, Integer.parseInt(stub("GET", "/stub/lookups")), "answered from the cache");
        grant(doc, "bob", "none");
        // the cache lives 5 minutes: only the ACL change event can end bob's access this soon
        await().atMost(Duration.ofSeconds(5)).until(() -> as("bob").get("/docs/{id}/presence", doc).statusCode() == 403);
    }
}
