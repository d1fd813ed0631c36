package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.Partitions;
import dev.skein.messaging.TopicBootstrap;
import dev.skein.testkit.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateways and two doc-services (packaged, as child JVMs) on one broker, with real Yjs
 * clients using the stock y-websocket provider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollaborationIT {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static Services services;
    private static Services.Instance gateway1;
    private static Services.Instance gateway2;
    private static Services.Instance docService1;
    private static Services.Instance docService2;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs"));
        broker = KafkaBroker.start();
        services = new Services(root, logs, broker.bootstrapServers());
        docService1 = services.docService("doc-1");
        docService2 = services.docService("doc-2");
        gateway1 = services.gateway("gw-1");
        gateway2 = services.gateway("gw-2");
        for (Services.Instance instance : List.of(docService1, docService2, gateway1, gateway2)) {
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
        if (broker != null) {
            broker.close();
        }
    }

    private static String newDoc(String prefix) {
        return prefix + "-" + UUID.randomUUID();
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

    /** Waits until every client shows the same text holding each token exactly once. */
    private static String awaitConverged(List<String> names, List<String> tokens) {
        await().atMost(CONVERGE).until(() -> {
            String first = clients.state(names.get(0)).text();
            for (String name : names) {
                if (!clients.state(name).text().equals(first)) {
                    return false;
                }
            }
            return tokens.stream().allMatch(token -> occurrences(first, token) == 1);
        });
        return clients.state(names.get(0)).text();
    }

    private static int occurrences(String text, String token) {
        int count = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    @Order(1)
    void concurrentEditsOnDifferentGatewaysConverge() {
        String doc = newDoc("live");
        clients.open("live-a", gateway1.ws(), doc);
        clients.open("live-b", gateway2.ws(), doc);
        awaitSynced("live-a", "live-b");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.insert("live-a", "[a" + i + "]");
            clients.insert("live-b", "[b" + i + "]");
            tokens.add("[a" + i + "]");
            tokens.add("[b" + i + "]");
        }
        awaitConverged(List.of("live-a", "live-b"), tokens);
        clients.close("live-a");
        clients.close("live-b");
    }

    @Test
    @Order(2)
    void offlineEditsSyncOnReconnect() {
        String doc = newDoc("offline");
        clients.open("off-a", gateway1.ws(), doc);
        clients.open("off-b", gateway2.ws(), doc);
        awaitSynced("off-a", "off-b");
        clients.insert("off-a", "[before]");
        awaitConverged(List.of("off-a", "off-b"), List.of("[before]"));
        clients.disconnect("off-a");
        await().atMost(CONVERGE).until(() -> !clients.state("off-a").connected());
        clients.insert("off-a", "[offline-a]");
        clients.insert("off-b", "[online-b]");
        await().atMost(CONVERGE).until(() -> clients.state("off-a").text().contains("[offline-a]"));
        assertTrue(!clients.state("off-a").text().contains("[online-b]"), "a is really offline");
        clients.connect("off-a");
        awaitConverged(List.of("off-a", "off-b"), List.of("[before]", "[offline-a]", "[online-b]"));
        clients.close("off-a");
        clients.close("off-b");
    }

    @Test
    @Order(3)
    void lateJoinerGetsTheWholeDocument() {
        String doc = newDoc("late");
        clients.open("late-writer", gateway1.ws(), doc);
        awaitSynced("late-writer");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.insert("late-writer", "<" + i + ">");
            tokens.add("<" + i + ">");
        }
        clients.close("late-writer");
        clients.open("late-reader", gateway2.ws(), doc);
        awaitSynced("late-reader");
        String text = awaitConverged(List.of("late-reader"), tokens);
        assertEquals(String.join("", tokens), text);
        clients.close("late-reader");
    }

    @Test
    @Order(4)
    void tenMegabyteDocumentSyncsToALateJoiner() {
        String doc = newDoc("big");
        clients.open("big-writer", gateway1.ws(), doc);
        awaitSynced("big-writer");
        clients.fill("big-writer", 10, 1024 * 1024);
        String expected = clients.digest("big-writer");
        assertTrue(expected.startsWith("10485760:"));
        clients.open("big-reader", gateway2.ws(), doc);
        await().atMost(CONVERGE).until(() -> clients.digest("big-reader").equals(expected));
        clients.close("big-writer");
        clients.close("big-reader");
    }

    @Test
    @Order(5)
    void killingADocServiceHandsItsPartitionsOverAndSyncStillAnswers() {
        List<String> docs = docsCoveringEveryPartition();
        for (int i = 0; i < docs.size(); i++) {
            clients.open("fo-w" + i, gateway1.ws(), docs.get(i));
            clients.insert("fo-w" + i, "{doc" + i + "}");
        }
        UpdateLogScan log = new UpdateLogScan(broker.bootstrapServers());
        for (int i = 0; i < docs.size(); i++) {
            String doc = docs.get(i);
            String token = "{doc" + i + "}";
            // At least once: an insert made while the provider's first sync is in flight travels both as
            // an update and in its SyncStep2 answer (as with the stock server); applying it twice is harmless.
            await().atMost(CONVERGE).until(() -> log.updatesContaining(doc, token) >= 1);
            clients.close("fo-w" + i);
        }
        docService1.process().kill();
        for (int i = 0; i < docs.size(); i++) {
            clients.open("fo-r" + i, gateway2.ws(), docs.get(i));
        }
        for (int i = 0; i < docs.size(); i++) {
            String text = awaitConverged(List.of("fo-r" + i), List.of("{doc" + i + "}"));
            assertEquals("{doc" + i + "}", text);
            clients.close("fo-r" + i);
        }
    }

    @Test
    @Order(6)
    void brokerOutageClosesClientsWith1013AndEveryEditLandsExactlyOnce() {
        String doc = newDoc("outage");
        clients.open("out-a", gateway1.ws(), doc);
        clients.open("out-b", gateway2.ws(), doc);
        awaitSynced("out-a", "out-b");
        clients.insert("out-a", "[pre-a]");
        clients.insert("out-b", "[pre-b]");
        awaitConverged(List.of("out-a", "out-b"), List.of("[pre-a]", "[pre-b]"));

        broker.stop();
        await().atMost(CONVERGE).until(() -> clients.state("out-a").closeCodes().contains(1013)
            && clients.state("out-b").closeCodes().contains(1013));
        clients.insert("out-a", "[down-a]");
        clients.insert("out-b", "[down-b]");
        broker.restart();

        List<String> tokens = List.of("[pre-a]", "[pre-b]", "[down-a]", "[down-b]");
        awaitConverged(List.of("out-a", "out-b"), tokens);
        clients.open("out-late", gateway2.ws(), doc);
        awaitConverged(List.of("out-late", "out-a"), tokens);
        UpdateLogScan log = new UpdateLogScan(broker.bootstrapServers());
        for (String token : tokens) {
            await().atMost(CONVERGE).until(() -> log.updatesContaining(doc, token) >= 1);
            assertEquals(1, log.updatesContaining(doc, token), token + " is in the log exactly once");
        }
        for (String name : List.of("out-a", "out-b", "out-late")) {
            clients.close(name);
        }
    }

    private static List<String> docsCoveringEveryPartition() {
        List<String> docs = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        while (covered.size() < TopicBootstrap.PARTITIONS_DEFAULT) {
            String doc = newDoc("failover");
            if (covered.add(Partitions.forDocument(doc, TopicBootstrap.PARTITIONS_DEFAULT))) {
                docs.add(doc);
            }
        }
        return docs;
    }
}
