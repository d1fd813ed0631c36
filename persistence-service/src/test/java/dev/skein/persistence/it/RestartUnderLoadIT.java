package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.Topics;
import dev.skein.persistence.Cluster;
import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.s3.S3Server;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THE restart test: several clients type into one document while persistence-service, doc-service
 * and the S3 server are SIGKILLed at random moments and restarted. Afterwards the document, read
 * from storage and from a fresh doc-service whose log below the persisted offset was deleted,
 * holds exactly what Kafka acknowledged to the clients: nothing lost, nothing twice.
 */
class RestartUnderLoadIT {

    private static final String BUCKET = "restart-under-load";
    private static final String GROUP = "persistence-restart-it";
    private static final String DOC = "restart-doc";
    private static final int CLIENTS = 3;
    private static final int CHARACTERS_PER_CLIENT = 250;
    private static final int KILLS = 5;

    @TempDir
    static Path logs;

    private static KafkaBroker kafka;
    private static S3Server s3;

    @BeforeAll
    static void servers() {
        kafka = KafkaBroker.start();
        s3 = S3Server.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        kafka.close();
    }

    @Test
    void killedServicesLoseNothingTheClientsSawAcknowledged() throws Exception {
        long seed = Long.getLong("skein.restart.seed", System.nanoTime());
        Random random = new Random(seed);
        System.getLogger(RestartUnderLoadIT.class.getName()).log(System.Logger.Level.INFO,
            "restart test seed {0} (replay with -Dskein.restart.seed={0})", Long.toString(seed));
        Map<String, String> storage = Map.of(
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            StorageSettings.ENDPOINT_KEY, s3.endpoint(),
            StorageSettings.ACCESS_KEY_KEY, s3.accessKey(),
            StorageSettings.SECRET_KEY_KEY, s3.secretKey(),
            StorageSettings.BUCKET_KEY, BUCKET);
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
            "skein.doc.session-timeout", "6s"));

        ScheduledExecutorService typing = Executors.newScheduledThreadPool(CLIENTS);
        try (PackagedService persistence = new PackagedService("persistence", "persistence-service", logs, persistenceSettings).start();
             PackagedService docService = new PackagedService("doc", "doc-service", logs, docSettings).start();
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

            // kills at random moments of the load, one after another, each followed by a restart
            List<String> killed = new ArrayList<>();
            AtomicReference<Throwable> chaosFailure = new AtomicReference<>();
            CompletableFuture<Void> chaos = CompletableFuture.completedFuture(null);
            for (int i = 0; i < KILLS; i++) {
                int victim = random.nextInt(3);
                long delay = 300 + random.nextInt(1500);
                chaos = chaos.thenRunAsync(() -> {
                    switch (victim) {
                        case 0 -> { killed.add("persistence"); persistence.kill(); persistence.start(); }
                        case 1 -> { killed.add("doc"); docService.kill(); docService.start(); }
                        default -> { killed.add("s3"); s3.kill(); s3.restart(); }
                    }
                }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
            }
            chaos.whenComplete((ok, e) -> {
                chaosFailure.set(e);
                chaosDone.set(true);
            });
            await().atMost(Duration.ofMinutes(6)).until(() -> chaosDone.get()
                && clients.stream().allMatch(c -> c.acknowledged().length() >= CHARACTERS_PER_CLIENT));
            typing.shutdown();
            assertTrue(typing.awaitTermination(30, TimeUnit.SECONDS), "the clients stopped typing");
            assertEquals(null, chaosFailure.get(), "kills and restarts " + killed + " (seed " + seed + ")");

            // everything in the partition reaches storage
            TopicPartition topicPartition = new TopicPartition(Topics.UPDATES_DEFAULT, partition);
            long end = cluster.admin().listOffsets(Map.of(topicPartition, OffsetSpec.latest())).all()
                .get(10, TimeUnit.SECONDS).get(topicPartition).offset();
            await().atMost(Duration.ofMinutes(2)).until(() -> cluster.committed(partition) >= end);

            Map<Long, String> expected = new TreeMap<>();
            clients.forEach(c -> expected.put(c.id(), c.acknowledged()));
            assertEquals(expected, DocumentText.byClient(cluster.reader().load(DOC).orElseThrow().state()),
                "storage after kills of " + killed + " (seed " + seed + ")");

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
}
