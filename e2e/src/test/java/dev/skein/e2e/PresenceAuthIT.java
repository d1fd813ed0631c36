package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presence behind tokens, end to end: real Keycloak, real auth-service on PostgreSQL (the grants),
 * real Redis and Kafka, presence-service and a gateway with authentication on, stock y-websocket
 * clients signed in as alice. A reader of one document sees nothing of another over REST or the
 * event stream; a revoked grant stops the stream's events of that document within a second; a
 * person sees only their own locations, services everything; a user named like a service account
 * gets no service's powers; the gateway's join greeting still comes from presence-service (with the
 * gateway's service token).
 */
class PresenceAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static SecuredStack stack;
    private static YjsClients clients;
    private static YjsClients.SignIn alice;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/presence-auth"));
        stack = new SecuredStack(root, logs, List.of());
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
        alice = new YjsClients.SignIn(stack.issuer() + "/protocol/openid-connect/token", SkeinRealm.WEB_CLIENT,
            "alice", "alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** A document alice owns, with {@code bob} given {@code bobRole} unless it is null. */
    private static String document(String prefix, String bobRole) {
        String doc = prefix + "-" + UUID.randomUUID();
        String owner = RealmTokens.person("alice");
        assertEquals(201, HttpProbe.status("POST", stack.auth().http() + "/documents/" + doc, owner, null, null));
        if (bobRole != null) {
            grant(doc, "bob", bobRole);
        }
        return doc;
    }

    private static void grant(String doc, String principal, String role) {
        assertEquals(200, HttpProbe.status("PUT", stack.auth().http() + "/documents/" + doc + "/grants/" + principal,
            RealmTokens.person("alice"), ("{\"role\":\"" + role + "\"}").getBytes(), "application/json"));
    }

    /** Opens a signed-in alice client in {@code doc}; returns its awareness client id. */
    private static long aliceJoins(String doc, String name) {
        return clients.openSignedIn(name, stack.gateway().ws(), doc, alice);
    }

    private static String name() {
        return "alice-" + NAMES.incrementAndGet();
    }

    private static String presence(String path) {
        return stack.presence().http() + path;
    }

    @Test
    void aReaderOfOneDocumentSeesNothingOfAnotherOverRestOrTheEventStream() throws Exception {
        String readable = document("readable", "read");
        String other = document("other", null);
        String bob = RealmTokens.person("bob");
        try (PresenceEventStream bobs = new PresenceEventStream(presence("/presence/events"), bob);
                PresenceEventStream services = new PresenceEventStream(presence("/presence/events"),
                    RealmTokens.gatewayService())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bobs.status() == 200 && services.status() == 200);
            String inOther = name();
            long hidden = aliceJoins(other, inOther);
            await().atMost(Duration.ofSeconds(30)).until(() -> services.has("joined", other, hidden));
            // joined after the hidden one: once bob has it, he would have had the other before
            String inReadable = name();
            long shown = aliceJoins(readable, inReadable);
            await().atMost(Duration.ofSeconds(30)).until(() -> bobs.has("joined", readable, shown));
            assertFalse(bobs.hasAnyOf(other), bobs.events().toString());

            JsonNode listed = JSON.readTree(body(presence("/docs/" + readable + "/presence"), bob));
            assertEquals(shown, listed.path("clients").get(0).path("clientId").asLong());
            assertEquals("alice", listed.path("clients").get(0).path("principal").asText());
            assertEquals(200, HttpProbe.get(presence("/docs/" + readable + "/awareness"), bob));
            assertEquals(403, HttpProbe.get(presence("/docs/" + other + "/presence"), bob));
            assertEquals(403, HttpProbe.get(presence("/docs/" + other + "/awareness"), bob));
            assertEquals(403, HttpProbe.get(presence("/presence/events?docId=" + other), bob));
            clients.close(inOther);
            clients.close(inReadable);
        }
    }

    @Test
    void revokingAGrantStopsTheEventsOfThatDocumentWithinOneSecond() throws Exception {
        String doc = document("revoke", "read");
        try (PresenceEventStream bobs = new PresenceEventStream(presence("/presence/events?docId=" + doc),
                RealmTokens.person("bob"));
                PresenceEventStream services = new PresenceEventStream(presence("/presence/events?docId=" + doc),
                    RealmTokens.gatewayService())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bobs.status() == 200 && services.status() == 200);
            String first = name();
            long before = aliceJoins(doc, first);
            await().atMost(Duration.ofSeconds(30)).until(() -> bobs.has("joined", doc, before));
            assertEquals(204, HttpProbe.status("DELETE", stack.auth().http() + "/documents/" + doc + "/grants/bob",
                RealmTokens.person("alice"), null, null));
            Instant revoked = Instant.now();
            // keep the document busy for 2.5 s: arrivals and departures the service sees, bob not after 1 s
            while (Instant.now().isBefore(revoked.plusMillis(2500))) {
                String next = name();
                long client = aliceJoins(doc, next);
                await().atMost(Duration.ofSeconds(30)).until(() -> services.has("joined", doc, client));
                clients.close(next);
            }
            clients.close(first);
            long cutoff = revoked.plusSeconds(1).toEpochMilli();
            assertTrue(services.events().stream().anyMatch(e -> e.path("at").asLong() > cutoff + 1000),
                "the document was busy after the cutoff: " + services.events());
            List<JsonNode> late = bobs.events().stream().filter(e -> e.path("at").asLong() > cutoff).toList();
            assertEquals(List.of(), late, "events bob got more than 1 s after his grant was revoked");
        }
    }

    @Test
    void aPersonSeesWhereOnlyThemselvesAreAndServicesSeeEveryone() throws Exception {
        String doc = document("where", null);
        String client = name();
        long id = aliceJoins(doc, client);
        String service = RealmTokens.gatewayService();
        await().atMost(Duration.ofSeconds(30)).until(() ->
            body(presence("/presence/users/alice"), service).contains("\"clientId\":" + id));
        assertTrue(body(presence("/presence/users/alice"), RealmTokens.person("alice")).contains("\"clientId\":" + id));
        assertEquals(403, HttpProbe.get(presence("/presence/users/alice"), RealmTokens.person("bob")));
        assertEquals(200, HttpProbe.get(presence("/presence/users/bob"), RealmTokens.person("bob")));
        assertEquals(200, HttpProbe.get(presence("/docs/" + doc + "/presence"), service));
        clients.close(client);
    }

    @Test
    void aUserNamedLikeAServiceAccountIsRefusedAServicesPowers() {
        String doc = document("impostor", null);
        grant(doc, "group:editors", "read");
        String impostor = TestUsers.token("service-account-x");
        assertEquals(403, HttpProbe.get(presence("/docs/" + doc + "/presence"), impostor));
        assertEquals(403, HttpProbe.get(presence("/presence/users/alice"), impostor));
        assertEquals(403, HttpProbe.get(presence("/presence/events?docId=" + doc), impostor));
        assertEquals(403, HttpProbe.get(stack.auth().http() + "/documents/" + doc + "/role?principal=alice", impostor));
        // naming a group it is not in does not help either
        assertEquals(200, HttpProbe.get(stack.auth().http() + "/documents/" + doc
            + "/role?principal=service-account-x&group=editors", impostor));
        assertEquals(4403, GatewayDoor.withSubprotocol(stack.gateway().ws(), doc, impostor));
    }

    @Test
    void aJoinerIsGreetedFromPresenceServiceWithTheGatewaysToken() throws Exception {
        String doc = document("greeting", null);
        String still = name();
        long stillId = clients.openSignedIn(still, stack.gateway().ws(), doc, alice, false);
        clients.setState(still, "cursor", 7);
        String service = RealmTokens.gatewayService();
        await().atMost(Duration.ofSeconds(30)).until(() ->
            body(presence("/docs/" + doc + "/presence"), service).contains("\"clientId\":" + stillId));
        double fallbacks = fallbacks();
        String joiner = name();
        aliceJoins(doc, joiner);
        await().atMost(Duration.ofSeconds(25)).until(() -> clients.awareness(joiner).peer(stillId)
            .map(peer -> peer.state().path("cursor").asInt() == 7).orElse(false));
        assertEquals(fallbacks, fallbacks(), "presence-service answered the greeting (no fallback)");
        clients.close(joiner);
        clients.close(still);
    }

    /** The gateway's count of greetings that fell back to its own view. */
    private static double fallbacks() throws Exception {
        String metrics = body(stack.gateway().http() + "/q/metrics", null);
        Matcher m = Pattern.compile("skein_gateway_errors_total\\{kind=\"presence-fallback\"[^}]*} ([0-9.E]+)")
            .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String body(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }
}
