package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skein.testkit.kafka.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The compatibility matrix: the stock y-websocket 3.1.0, 3.0.0 and 2.1.0 providers and a raw
 * y-protocols client ({@code raw-client.mjs}), together in one document, through every transient
 * condition Skein closes or stalls connections for — a burst of 5,000 transactions from each, the
 * outbound overload close, doc-service down for longer than the sync timeout, a gateway killed and
 * restarted, the broker stopped and restarted. In every case the clients converge without the
 * application doing anything beyond what its provider does by itself, none of them gives up, and a
 * late joiner (served from doc-service's state) sees every edit. Token expiry, which needs Keycloak,
 * is {@link TokenExpiryMatrixIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockClientMatrixIT {

    /** y-websocket releases (installed side by side in e2e/package.json) and the raw client. */
    static final List<String> KINDS = List.of("3.1", "3.0", "2.1", "raw");
    private static final int BURST = 5_000;
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static Services services;
    private static Services.Instance gateway;
    private static Services.Instance smallGateway;
    private static Services.Instance docService;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/matrix"));
        broker = KafkaBroker.start();
        services = new Services(root, logs, broker.bootstrapServers());
        docService = services.docService("matrix-doc");
        gateway = services.gateway("matrix-gw", "-Dskein.gateway.sync-timeout=4s");
        // an outbound bound small enough that a stalled client passes it with a few MiB
        smallGateway = services.gateway("matrix-gw-small",
            "-Dskein.gateway.outbound-queue-bytes=65536",
            "-Dskein.gateway.outbound-close-bytes=262144",
            "-Dskein.gateway.outbound-stall-timeout=3s");
        Services.awaitReady(docService);
        Services.awaitReady(gateway);
        Services.awaitReady(smallGateway);
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
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aBurstOfFiveThousandTransactionsFromEveryClientIsPacedNotClosed() {
        String doc = newDoc("burst");
        List<String> names = openEveryKind("burst", doc);
        awaitSynced(names);
        for (String name : names) {
            clients.burst(name, name, BURST);
        }
        YjsClients.Log log = awaitLogsConverged(names, KINDS.size() * BURST);
        for (String name : names) {
            YjsClients.State state = clients.state(name);
            assertEquals(List.of(), state.closeCodes(), name + " was paced, not closed");
        }
        assertLateJoinerSeesLog(doc, "burst", log);
        closeAll(names);
    }

    @Test
    @Order(2)
    void clientsClosedForOutboundOverloadReconnectAndConverge() throws Exception {
        String doc = newDoc("overload");
        List<String> names = openEveryKind("overload", doc, smallGateway);
        String writer = "overload-writer";
        clients.open(writer, smallGateway.ws(), doc, "3.1");
        List<String> everyone = new ArrayList<>(names);
        everyone.add(writer);
        awaitSynced(everyone);
        double closesBefore = gatewayErrors(smallGateway, "slow-consumer");
        for (String name : names) {
            clients.stall(name);
        }
        // far more than the kernel's socket buffers and the 256 KiB bound take
        clients.fill(writer, 40, 256 * 1024);
        await().atMost(CONVERGE).until(() -> gatewayErrors(smallGateway, "slow-consumer") >= closesBefore + names.size());
        for (String name : names) {
            clients.unstall(name);
        }
        String expected = clients.digest(writer);
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.digest(name).equals(expected)));
        for (String name : names) {
            YjsClients.State state = clients.state(name);
            assertFalse(state.closeCodes().isEmpty(), name + " was closed for overload");
            assertFalse(state.gaveUp(), name + " did not give up");
        }
        closeAll(everyone);
    }

    @Test
    @Order(3)
    void docServiceDownForLongerThanTheSyncTimeout() {
        String doc = newDoc("docdown");
        List<String> names = openEveryKind("docdown", doc);
        awaitSynced(names);
        List<String> tokens = new ArrayList<>();
        insertTokens(names, "before", tokens);
        docService.process().kill();
        // a network blip for everyone: the gateway lets the document go with its last connection
        // (a held document's joins would be answered by the gateway), so the clients' resync goes
        // through the log, and nobody answers their sync requests
        for (String name : names) {
            clients.disconnect(name);
        }
        await().atMost(CONVERGE).until(() -> names.stream().noneMatch(name -> clients.state(name).connected())
            && gatewayConnections() == 0);
        for (String name : names) {
            clients.connect(name);
        }
        insertTokens(names, "during", tokens);
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.state(name).closeCodes().contains(1013)));
        docService = services.restart(docService);
        Services.awaitReady(docService);
        String text = awaitTextConverged(names, tokens);
        assertLateJoinerSeesText(doc, "docdown", text);
        closeAll(names);
    }

    @Test
    @Order(4)
    void gatewayKilledAndRestarted() {
        String doc = newDoc("gwdown");
        List<String> names = openEveryKind("gwdown", doc);
        awaitSynced(names);
        List<String> tokens = new ArrayList<>();
        insertTokens(names, "before", tokens);
        awaitTextConverged(names, tokens);
        gateway.process().kill();
        await().atMost(CONVERGE).until(() -> names.stream().noneMatch(name -> clients.state(name).connected()));
        insertTokens(names, "offline", tokens);
        gateway = services.restart(gateway);
        Services.awaitReady(gateway);
        String text = awaitTextConverged(names, tokens);
        assertLateJoinerSeesText(doc, "gwdown", text);
        closeAll(names);
    }

    @Test
    @Order(5)
    void brokerStoppedAndRestarted() {
        String doc = newDoc("brokerdown");
        List<String> names = openEveryKind("brokerdown", doc);
        awaitSynced(names);
        List<String> tokens = new ArrayList<>();
        insertTokens(names, "before", tokens);
        awaitTextConverged(names, tokens);
        broker.stop();
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.state(name).closeCodes().contains(1013)));
        insertTokens(names, "outage", tokens);
        broker.restart();
        String text = awaitTextConverged(names, tokens);
        assertLateJoinerSeesText(doc, "brokerdown", text);
        closeAll(names);
    }

    /** The gateway's open connections, from its metrics. */
    private static long gatewayConnections() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.http() + "/q/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith("skein_gateway_connections "))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
            .findFirst().orElse(-1);
    }

    private static String newDoc(String prefix) {
        return "matrix-" + prefix + "-" + UUID.randomUUID();
    }

    private static List<String> openEveryKind(String prefix, String doc) {
        return openEveryKind(prefix, doc, gateway);
    }

    private static List<String> openEveryKind(String prefix, String doc, Services.Instance on) {
        List<String> names = new ArrayList<>();
        for (String kind : KINDS) {
            String name = prefix + "-" + kind;
            clients.open(name, on.ws(), doc, kind);
            names.add(name);
        }
        return names;
    }

    private static void insertTokens(List<String> names, String phase, List<String> tokens) {
        for (String name : names) {
            String token = "[" + phase + ":" + name + "]";
            clients.insert(name, token);
            tokens.add(token);
        }
    }

    private static void awaitSynced(List<String> names) {
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.state(name).synced()));
    }

    /** Waits until every client holds the same text with each token exactly once; none gave up. */
    private static String awaitTextConverged(List<String> names, List<String> tokens) {
        await().atMost(CONVERGE).until(() -> {
            String first = clients.state(names.get(0)).text();
            return names.stream().allMatch(name -> clients.state(name).text().equals(first))
                && tokens.stream().allMatch(token -> occurrences(first, token) == 1);
        });
        for (String name : names) {
            assertFalse(clients.state(name).gaveUp(), name + " gave up");
        }
        return clients.state(names.get(0)).text();
    }

    private static YjsClients.Log awaitLogsConverged(List<String> names, int expected) {
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> {
            YjsClients.Log log = clients.log(name);
            return log.length() == expected && log.distinct() == expected;
        }));
        YjsClients.Log first = clients.log(names.get(0));
        for (String name : names) {
            assertEquals(first, clients.log(name), name + " holds the same entries");
            assertFalse(clients.state(name).gaveUp(), name + " gave up");
        }
        return first;
    }

    /** A new client gets the document from doc-service's state: nothing acknowledged was lost. */
    private static void assertLateJoinerSeesText(String doc, String prefix, String text) {
        String late = prefix + "-late";
        clients.open(late, gateway.ws(), doc, "3.1");
        await().atMost(CONVERGE).until(() -> clients.state(late).synced() && clients.state(late).text().equals(text));
        clients.close(late);
    }

    private static void assertLateJoinerSeesLog(String doc, String prefix, YjsClients.Log log) {
        String late = prefix + "-late";
        clients.open(late, gateway.ws(), doc, "3.1");
        await().atMost(CONVERGE).until(() -> clients.state(late).synced() && clients.log(late).equals(log));
        clients.close(late);
    }

    private static void closeAll(List<String> names) {
        names.forEach(clients::close);
    }

    private static int occurrences(String text, String token) {
        int count = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
            count++;
        }
        return count;
    }

    /** The gateway's {@code skein_gateway_errors_total} of a kind, from its Prometheus endpoint. */
    private static double gatewayErrors(Services.Instance on, String kind) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(on.http() + "/q/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("skein_gateway_errors_total\\{kind=\"" + Pattern.quote(kind) + "\"[^}]*} ([0-9.eE+]+)")
            .matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
