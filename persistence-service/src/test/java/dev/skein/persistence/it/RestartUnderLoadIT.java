package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Topics;
import dev.skein.persistence.Cluster;
import dev.skein.storage.s3.StorageSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * THE restart test: several clients type into one document, some through a gateway as browsers do,
 * some straight into Kafka as a backend would, while every part of the system (gateway,
 * persistence-service, doc-service, the Kafka broker, the S3 server) is SIGKILLed at a random moment
 * of the load and restarted. Afterwards the document, read from storage, from a fresh doc-service
 * whose log below the persisted offset was deleted, and by every gateway client, holds exactly what
 * the clients saw acknowledged (Kafka's acknowledgement for the direct clients; for the gateway
 * clients everything they typed, which the y-websocket protocol resends after every reconnect):
 * nothing lost, nothing twice.
 */
class RestartUnderLoadIT extends OwnServers {

    private static final String BUCKET = "restart-under-load";
    private static final String GROUP = "persistence-restart-it";
    private static final String DOC = "restart-doc";
    private static final int CLIENTS = 2;
    private static final int GATEWAY_CLIENTS = 2;
    private static final int CHARACTERS_PER_CLIENT = 250;
    private static final List<String> VICTIMS = List.of("gateway", "persistence", "doc", "kafka", "s3");
    /** Every victim once, in a random order, then one more at random. */
    private static final int KILLS = VICTIMS.size() + 1;

    @Test
    void killedServicesLoseNothingTheClientsSawAcknowledged() throws Exception {
        long seed = Long.getLong("skein.restart.seed", System.nanoTime());
        Random random = new Random(seed);
        System.getLogger(RestartUnderLoadIT.class.getName()).log(System.Logger.Level.INFO,
            "restart test seed {0} (replay with -Dskein.restart.seed={0})", Long.toString(seed));
        Map<String, String> storage = connection(BUCKET);
        Map<String, String> persistenceSettings = new TreeMap<>(storage);
        persistenceSettings.putAll(Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.session-timeout", "6s",
            "skein.persistence.flush.max-updates", "40",
            "skein.persistence.flush.max-age", "300ms",
            "skein.persistence.commit-interval", "200ms",
            "skein.persistence.compaction.batch-threshold", "5",
            "skein.persistence.compaction.keep-snapshots", "1"));
        Map<String, String> docSettings = new TreeMap<>(storage);
        docSettings.putAll(Map.of(
            StorageSettings.PERSISTENCE_GROUP_KEY, GROUP,
            "skein.doc.session-timeout", "6s",
            // no Keycloak here: the test reads the document over REST without a token
            "skein.doc.auth.enabled", "false"));

        Map<String, String> gatewaySettings = Map.of(
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            "skein.gateway.instance-id", "restart-gateway",
            // no Keycloak here: anonymous writers (auth has its own tests)
            "skein.gateway.auth.enabled", "false");

        ScheduledExecutorService typing = Executors.newScheduledThreadPool(CLIENTS + GATEWAY_CLIENTS);
        try (PackagedService persistence = new PackagedService("persistence", "persistence-service", logs, persistenceSettings).start();
             PackagedService docService = new PackagedService("doc", "doc-service", logs, docSettings).start();
             PackagedService gateway = new PackagedService("gateway", "gateway-service", logs, gatewaySettings).start();
             Cluster cluster = new Cluster(kafka.bootstrapServers(), s3, BUCKET, GROUP);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                 KafkaClientSettings.producer(kafka.bootstrapServers(), "typing-clients", 1 << 20))) {
            int partition = cluster.partitionOf(DOC);
            // the clients type until every kill is done, so that every kill lands in the load
            AtomicBoolean chaosDone = new AtomicBoolean();
            List<TypingClient> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                TypingClient client = new TypingClient(100 + c, DOC, partition, producer);
                clients.add(client);
                typing.scheduleWithFixedDelay(() -> {
                    if (!chaosDone.get() || client.acknowledged().length() < CHARACTERS_PER_CLIENT) {
                        client.typeNext();
                    }
                }, 0, 15, TimeUnit.MILLISECONDS);
            }
            List<GatewayTypingClient> browsers = new ArrayList<>();
            for (int c = 0; c < GATEWAY_CLIENTS; c++) {
                GatewayTypingClient browser = new GatewayTypingClient(200 + c, gateway.ws(), DOC);
                browsers.add(browser);
                typing.scheduleWithFixedDelay(() -> {
                    browser.ensureConnected();
                    if (!chaosDone.get() || browser.typed().length() < CHARACTERS_PER_CLIENT) {
                        browser.typeNext();
                    }
                }, 0, 15, TimeUnit.MILLISECONDS);
            }

            // kills at random moments of the load, one after another, each followed by a restart
            List<String> killed = new ArrayList<>();
            AtomicReference<Throwable> chaosFailure = new AtomicReference<>();
            CompletableFuture<Void> chaos = CompletableFuture.completedFuture(null);
            List<String> order = new ArrayList<>(VICTIMS);
            java.util.Collections.shuffle(order, random);
            order.add(VICTIMS.get(random.nextInt(VICTIMS.size())));
            for (String victim : order) {
                long delay = 300 + random.nextInt(1500);
                chaos = chaos.thenRunAsync(() -> {
                    killed.add(victim);
                    switch (victim) {
                        case "gateway" -> { gateway.kill(); gateway.start(); }
                        case "persistence" -> { persistence.kill(); persistence.start(); }
                        case "doc" -> { docService.kill(); docService.start(); }
                        case "kafka" -> { kafka.kill(); kafka.restart(); }
                        default -> { s3.kill(); s3.restart(); }
                    }
                }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
            }
            chaos.whenComplete((ok, e) -> {
                chaosFailure.set(e);
                chaosDone.set(true);
            });
            await().atMost(Duration.ofMinutes(8)).until(() -> chaosDone.get()
                && clients.stream().allMatch(c -> c.acknowledged().length() >= CHARACTERS_PER_CLIENT)
                && browsers.stream().allMatch(b -> b.typed().length() >= CHARACTERS_PER_CLIENT));
            typing.shutdown();
            assertTrue(typing.awaitTermination(30, TimeUnit.SECONDS), "the clients stopped typing");
            assertEquals(null, chaosFailure.get(), "kills and restarts " + killed + " (seed " + seed + ")");

            // the browsers reconnect once more, as a provider does, and resend what the server lacks
            for (GatewayTypingClient browser : browsers) {
                browser.disconnect();
                await().atMost(Duration.ofMinutes(1)).until(() -> {
                    browser.ensureConnected();
                    return browser.synced();
                });
            }
            Map<Long, String> expected = new TreeMap<>();
            clients.forEach(c -> expected.put(c.id(), c.acknowledged()));
            browsers.forEach(b -> expected.put(b.id(), b.typed()));

            // everything reaches storage and is committed
            TopicPartition topicPartition = new TopicPartition(Topics.UPDATES_DEFAULT, partition);
            await().atMost(Duration.ofMinutes(2)).until(() -> expected.equals(storedSoFar(cluster)));
            long end = cluster.admin().listOffsets(Map.of(topicPartition, OffsetSpec.latest())).all()
                .get(10, TimeUnit.SECONDS).get(topicPartition).offset();
            await().atMost(Duration.ofMinutes(2)).until(() -> cluster.committed(partition) >= end);
            assertEquals(expected, stored(cluster), "storage after kills of " + killed + " (seed " + seed + ")");

            // every browser converged on the same document
            for (GatewayTypingClient browser : browsers) {
                await().atMost(Duration.ofMinutes(1)).until(() -> expected.equals(textSoFar(browser.view())));
            }

            // a fresh doc-service with the persisted part of the log deleted reads the rest from storage
            docService.kill();
            long persisted = cluster.committed(partition);
            cluster.admin().deleteRecords(Map.of(topicPartition, RecordsToDelete.beforeOffset(persisted))).all()
                .get(10, TimeUnit.SECONDS);
            docService.start();
            byte[][] state = new byte[1][];
            await().atMost(Duration.ofMinutes(1)).until(() -> (state[0] = docService.get("/docs/" + DOC)) != null);
            assertEquals(expected, DocumentText.byClient(state[0]),
                "fresh doc-service after kills of " + killed + " (seed " + seed + ")");
        } finally {
            typing.shutdownNow();
        }
    }

    private static Map<Long, String> stored(Cluster cluster) {
        return cluster.reader().load(DOC).map(loaded -> DocumentText.byClient(loaded.state())).orElse(Map.of());
    }

    /**
     * While the browsers' resends are still arriving a client's text may have a hole (a keystroke
     * lost with a killed gateway is resent after keystrokes typed since the reconnect): not yet
     * the final state. The final check after this one is strict.
     */
    private static Map<Long, String> storedSoFar(Cluster cluster) {
        try {
            return stored(cluster);
        } catch (AssertionError hole) {
            return Map.of();
        }
    }

    private static Map<Long, String> textSoFar(byte[] state) {
        try {
            return DocumentText.byClient(state);
        } catch (AssertionError hole) {
            return Map.of();
        }
    }
}
