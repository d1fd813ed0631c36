package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Presence across two gateways: packaged gateway-service (twice), doc-service and
 * presence-service as child JVMs on one real broker and a real Redis, with real Yjs clients
 * (stock y-websocket provider and y-protocols awareness) on both gateways.
 *
 * <p>Bounds: "at once" is {@link #AT_ONCE}, well inside the 30 s after which a state would go
 * anyway (the y-protocols client's own timeout for a silent peer; presence-service's state
 * lifetime is set longer still), so a removal that is not relayed fails the test. A killed gateway's clients must
 * go within {@link #DEAD_GATEWAY_BOUND} = gateway timeout + heartbeat + sweep + margin, also
 * below those 30 s. Everything else waits generously ({@link #CONVERGE}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceAcrossGatewaysIT {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    /** Removals on disconnect: far below the 30 s after which a state would expire anyway. */
    private static final Duration AT_ONCE = Duration.ofSeconds(15);

    /** presence-service: a gateway silent this long is dead (default 15 s). */
    private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration SWEEP = Duration.ofMillis(500);
    /** presence-service's state lifetime (default 30 s), longer than any test here takes. */
    private static final Duration STATE_TTL = Duration.ofSeconds(120);
    /** Gone within gateway timeout + heartbeat + sweep + margin: 20.5 s, below the clients' own 30 s. */
    private static final Duration DEAD_GATEWAY_BOUND =
        GATEWAY_TIMEOUT.plus(HEARTBEAT).plus(SWEEP).plus(Duration.ofSeconds(13));

    /** A joiner's wait for the greeting; below the 30 s after which the non-renewing clients' providers reconnect. */
    private static final Duration GREETING = Duration.ofSeconds(25);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KafkaBroker broker;
    private static RedisServer redis;
    private static Services services;
    private static Services.Instance gateway1;
    private static Services.Instance gateway2;
    private static Services.Instance presence;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/presence"));
        broker = KafkaBroker.start();
        redis = RedisServer.start();
        services = new Services(root, logs, broker.bootstrapServers());
        // A short gateway timeout, but no short state lifetime: y-protocols clients renew only every
        // 15 s, and the tests' non-renewing clients must not expire while a test looks at them
        // (nothing here waits for an expiry; disconnects must not need one).
        presence = services.presenceService("presence-1", redis.uri(),
            "-Dskein.presence.gateway-timeout=" + GATEWAY_TIMEOUT.toMillis() + "ms",
            "-Dskein.presence.state-ttl=" + STATE_TTL.toSeconds() + "s",
            "-Dskein.presence.sweep-interval=" + SWEEP.toMillis() + "ms");
        Services.Instance docService = services.docService("presence-doc-1");
        String[] gatewayOptions = {
            "-Dskein.gateway.awareness.presence-url=" + presence.http(),
            "-Dskein.gateway.awareness.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
            // The greeting is asynchronous; a loaded test machine must not make it fall back.
            "-Dskein.gateway.awareness.presence-timeout=5s"};
        gateway1 = services.gateway("gw-1", gatewayOptions);
        gateway2 = services.gateway("gw-2", gatewayOptions);
        // presence-service first: its group starts at the end of the topic once it has partitions.
        for (Services.Instance instance : List.of(presence, docService, gateway1, gateway2)) {
            Services.awaitReady(instance);
        }
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (services != null) {
            services.stopAll();
        }
        if (redis != null) {
            redis.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void cursorsCrossGatewaysAndPresenceListsClientsOfBothGateways() throws Exception {
        String doc = newDoc("cursors");
        clients.open("cur-a", gateway1.ws(), doc);
        clients.open("cur-b", gateway2.ws(), doc);
        awaitSynced("cur-a", "cur-b");
        long a = clientId("cur-a");
        long b = clientId("cur-b");

        clients.setState("cur-a", "cursor", Map.of("anchor", 1, "head", 4));
        clients.setState("cur-b", "cursor", Map.of("anchor", 2, "head", 2));
        awaitCursor("cur-b", a, 4);
        awaitCursor("cur-a", b, 2);
        assertEquals("cur-a", clients.awareness("cur-b").peer(a).orElseThrow().state().path("user").path("name").asText());

        clients.setState("cur-a", "cursor", Map.of("anchor", 9, "head", 9));
        awaitCursor("cur-b", a, 9);

        await("presence lists both clients with their gateways").atMost(CONVERGE).until(() -> {
            Map<Long, JsonNode> listed = presenceOf(doc);
            return listed.size() == 2
                && "gw-1".equals(listed.getOrDefault(a, JSON.nullNode()).path("gateway").asText())
                && "gw-2".equals(listed.getOrDefault(b, JSON.nullNode()).path("gateway").asText());
        });
        Map<Long, JsonNode> listed = presenceOf(doc);
        assertEquals("cur-a", listed.get(a).path("name").asText());
        assertEquals("cur-b", listed.get(b).path("name").asText());

        JsonNode locations = get("/presence/users/anonymous").path("locations");
        Map<Long, String> gatewayByClient = new HashMap<>();
        locations.forEach(location -> {
            if (location.path("docId").asText().equals(doc)) {
                gatewayByClient.put(location.path("clientId").asLong(), location.path("gateway").asText());
            }
        });
        assertEquals(Map.of(a, "gw-1", b, "gw-2"), gatewayByClient, locations.toString());

        clients.close("cur-a");
        clients.close("cur-b");
    }

    @Test
    @Order(2)
    void aDisconnectRemovesTheStateAtOnceOnTheOtherGateway() throws Exception {
        String doc = newDoc("leave");
        Trio trio = trio(doc, "lv");
        freshen(trio);
        clients.disconnect(trio.a);

        awaitGone(AT_ONCE, trio.idA, trio.b, trio.c);
        awaitNotListed(AT_ONCE, doc, trio.idA);
        assertTrue(clients.awareness(trio.b).peer(trio.idC).isPresent(), "the others stay");
        trio.close();
    }

    @Test
    @Order(3)
    void aConnectionLostWithoutGoodbyeIsRemovedAtOnceOnTheOtherGateway() throws Exception {
        String doc = newDoc("drop");
        Trio trio = trio(doc, "dr");
        freshen(trio);
        // no removal from the client: the gateway announces it when the socket ends
        clients.drop(trio.a);

        awaitGone(AT_ONCE, trio.idA, trio.b, trio.c);
        awaitNotListed(AT_ONCE, doc, trio.idA);
        trio.close();
    }

    @Test
    @Order(4)
    void aTabThatMovesItsCursorAndClosesAtOnceIsRemovedAtOnce() throws Exception {
        String doc = newDoc("move-close");
        Trio trio = trio(doc, "mc");
        // The move opens the gateway's coalescing window; the client's removal lands inside it and
        // the socket closes before the window ends.
        clients.setStateAndDisconnect(trio.a, "cursor", Map.of("anchor", 5, "head", 5));

        awaitGone(AT_ONCE, trio.idA, trio.b, trio.c);
        awaitNotListed(AT_ONCE, doc, trio.idA);
        trio.close();
    }

    @Test
    @Order(5)
    void someoneLeavingDoesNotTakeTheOthersCursorsAlong() throws Exception {
        String doc = newDoc("echo");
        // a does not renew: its clock changes only if somebody removes its state
        clients.openWithoutRenewal("ec-a", gateway1.ws(), doc);
        clients.open("ec-b", gateway2.ws(), doc);
        clients.open("ec-c", gateway2.ws(), doc);
        awaitSynced("ec-a", "ec-b", "ec-c");
        long a = clientId("ec-a");
        long b = clientId("ec-b");
        long c = clientId("ec-c");
        long clockA = clients.setState("ec-a", "cursor", Map.of("anchor", 3, "head", 3));
        clients.setState("ec-b", "cursor", Map.of("anchor", 4, "head", 4));
        clients.setState("ec-c", "cursor", Map.of("anchor", 6, "head", 6));
        awaitCursor("ec-b", a, 3);
        awaitCursor("ec-c", a, 3);
        awaitCursor("ec-a", b, 4);
        awaitCursor("ec-a", c, 6);
        // b's provider has relayed a's state back to gw-2 (the stock provider echoes what it receives)
        await().atMost(CONVERGE).until(() -> presenceOf(doc).size() == 3);
        String sinceA = presenceOf(doc).get(a).path("since").asText();

        // one record of gw-2 holds every removal of b's connection: once a no longer shows b, a
        // has seen whatever that record said about a
        clients.drop("ec-b");
        awaitGone(AT_ONCE, b, "ec-a", "ec-c");

        assertEquals(clockA, clients.awareness("ec-a").clock(), "nobody removed a's state when b left");
        awaitNotListed(AT_ONCE, doc, b);
        assertEquals(sinceA, presenceOf(doc).get(a).path("since").asText(), "a stayed present all along");
        for (String name : List.of("ec-a", "ec-b", "ec-c")) {
            clients.close(name);
        }
    }

    @Test
    @Order(6)
    void aJoinerSeesTheCursorsOfAnotherGatewaysClientsRightAfterSync() throws Exception {
        String doc = newDoc("join");
        // Neither renews its state: the joiner can learn them only from the greeting on its join.
        clients.openWithoutRenewal("jn-a", gateway1.ws(), doc);
        clients.openWithoutRenewal("jn-b", gateway1.ws(), doc);
        awaitSynced("jn-a", "jn-b");
        long a = clientId("jn-a");
        long b = clientId("jn-b");
        long clockA = clients.setState("jn-a", "cursor", Map.of("anchor", 7, "head", 7));
        long clockB = clients.setState("jn-b", "cursor", Map.of("anchor", 8, "head", 8));
        await("presence-service stored both").atMost(CONVERGE).until(() -> {
            Map<Long, JsonNode> listed = presenceOf(doc);
            return listed.containsKey(a) && listed.containsKey(b);
        });

        // gw-2 has no connection to this document yet: it has seen none of its awareness
        clients.open("jn-joiner", gateway2.ws(), doc);
        awaitSynced("jn-joiner");
        await("the joiner shows both cursors, as they were set").atMost(GREETING).until(() -> {
            YjsClients.Awareness seen = clients.awareness("jn-joiner");
            return seen.peer(a).map(p -> p.clock() == clockA && p.state().path("cursor").path("head").asInt() == 7)
                    .orElse(false)
                && seen.peer(b).map(p -> p.clock() == clockB && p.state().path("cursor").path("head").asInt() == 8)
                    .orElse(false);
        });
        assertEquals(clockA, clients.awareness("jn-a").clock(), "a did not renew");
        assertEquals(clockB, clients.awareness("jn-b").clock(), "b did not renew");
        for (String name : List.of("jn-a", "jn-b", "jn-joiner")) {
            clients.close(name);
        }
    }

    /** Last: gw-1 does not come back. */
    @Test
    @Order(7)
    void theCursorsOfAKilledGatewaysClientsDisappearOnTheOtherGatewayWithinTheExpiry() throws Exception {
        String doc = newDoc("kill");
        Trio trio = trio(doc, "kl");
        await("presence knows a on gw-1").atMost(CONVERGE)
            .until(() -> "gw-1".equals(presenceOf(doc).getOrDefault(trio.idA, JSON.nullNode()).path("gateway").asText()));
        freshen(trio);

        gateway1.process().kill();

        awaitGone(DEAD_GATEWAY_BOUND, trio.idA, trio.b, trio.c);
        awaitNotListed(AT_ONCE, doc, trio.idA);
        assertTrue(clients.awareness(trio.b).peer(trio.idC).isPresent(), "the other gateway's clients stay");
        assertTrue(clients.awareness(trio.c).peer(trio.idB).isPresent(), "the other gateway's clients stay");
        Map<Long, JsonNode> listed = presenceOf(doc);
        assertEquals("gw-2", listed.get(trio.idB).path("gateway").asText());
        assertEquals("gw-2", listed.get(trio.idC).path("gateway").asText());
        trio.close();
    }

    /** a on gateway 1, b and c on gateway 2, each with a cursor every other one shows. */
    private record Trio(String a, String b, String c, long idA, long idB, long idC) {

        void close() {
            for (String name : List.of(a, b, c)) {
                clients.close(name);
            }
        }
    }

    private static Trio trio(String doc, String prefix) {
        String a = prefix + "-a";
        String b = prefix + "-b";
        String c = prefix + "-c";
        clients.open(a, gateway1.ws(), doc);
        clients.open(b, gateway2.ws(), doc);
        clients.open(c, gateway2.ws(), doc);
        awaitSynced(a, b, c);
        Trio trio = new Trio(a, b, c, clientId(a), clientId(b), clientId(c));
        clients.setState(a, "cursor", Map.of("anchor", 1, "head", 1));
        clients.setState(b, "cursor", Map.of("anchor", 2, "head", 2));
        clients.setState(c, "cursor", Map.of("anchor", 3, "head", 3));
        awaitCursor(b, trio.idA, 1);
        awaitCursor(c, trio.idA, 1);
        awaitCursor(a, trio.idB, 2);
        awaitCursor(a, trio.idC, 3);
        awaitCursor(b, trio.idC, 3);
        awaitCursor(c, trio.idB, 2);
        return trio;
    }

    /**
     * A fresh move of a that b and c show: they heard from a just now, so their own 30 s timeout
     * for a silent peer is far away and cannot be what removes a.
     */
    private static void freshen(Trio trio) {
        clients.setState(trio.a, "cursor", Map.of("anchor", 11, "head", 11));
        awaitCursor(trio.b, trio.idA, 11);
        awaitCursor(trio.c, trio.idA, 11);
    }

    private static String newDoc(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static long clientId(String client) {
        return clients.awareness(client).self();
    }

    private static void awaitSynced(String... names) {
        await().atMost(CONVERGE).until(() -> {
            for (String name : names) {
                if (!clients.state(name).synced()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until {@code observer} shows {@code clientId}'s cursor at {@code head}. */
    private static void awaitCursor(String observer, long clientId, int head) {
        await(observer + " shows the cursor of " + clientId + " at " + head).atMost(CONVERGE)
            .until(() -> clients.awareness(observer).peer(clientId)
                .map(peer -> peer.state().path("cursor").path("head").asInt(-1) == head).orElse(false));
    }

    /** Waits until none of {@code observers} shows {@code clientId} any more. */
    private static void awaitGone(Duration within, long clientId, String... observers) {
        await(clientId + " disappears from " + String.join(", ", observers)).atMost(within).until(() -> {
            for (String observer : observers) {
                if (clients.awareness(observer).peer(clientId).isPresent()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void awaitNotListed(Duration within, String doc, long clientId) {
        await("presence-service no longer lists " + clientId).atMost(within)
            .until(() -> !presenceOf(doc).containsKey(clientId));
    }

    /** presence-service's {@code GET /docs/{id}/presence}, by client id. */
    private static Map<Long, JsonNode> presenceOf(String doc) throws Exception {
        Map<Long, JsonNode> byClient = new HashMap<>();
        get("/docs/" + doc + "/presence").path("clients")
            .forEach(client -> byClient.put(client.path("clientId").asLong(), client));
        return byClient;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(presence.http() + path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertFalse(body.isMissingNode());
        return body;
    }
}
