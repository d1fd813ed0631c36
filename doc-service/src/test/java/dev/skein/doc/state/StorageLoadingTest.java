package dev.skein.doc.state;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.DocumentRecords;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.Topics;
import dev.skein.doc.TestUpdates;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3Server;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.update.Compaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** doc-service with a real S3 API: documents start from storage and the log adds the rest. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
// restricted: other test classes of this module run without storage (log replay)
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = true)
@TestProfile(StorageProfile.class)
class StorageLoadingTest {

    @Inject
    UpdateLog log;

    @Inject
    DocumentStateLoader loader;

    @Inject
    dev.skein.doc.metrics.DocMetrics metrics;

    private S3ObjectStore store;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
        S3Server s3 = S3TestResource.server();
        store = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(),
            StorageProfile.BUCKET, StorageSettings.REGION_DEFAULT));
        store.ensureBucket();
    }

    @Test
    void storageIsUsedWhenConfigured() {
        assertInstanceOf(StorageLoader.class, loader);
    }

    @Test
    void aDocumentIsItsStoredStatePlusTheLogTail() {
        String doc = "stored-" + UUID.randomUUID();
        byte[] snapshotted = TestUpdates.text(5, 0, "from a snapshot ");
        byte[] batched = TestUpdates.text(5, 16, "from a batch ");
        byte[] tail = TestUpdates.text(6, 0, "from the log");
        // as persistence-service would have written them, at offsets the log no longer needs
        SnapshotName snapshot = new SnapshotName(doc, 0, 10);
        store.put(snapshot.key(), StoredObjectCodec.snapshot(snapshot, snapshotted, UpdateEncoding.V2));
        BatchName batch = new BatchName(doc, 0, 11, 20);
        store.put(batch.key(), StoredObjectCodec.batch(batch, batched, UpdateEncoding.V1));
        post(doc, tail);

        byte[] expected = Compaction.mergeAndCompact(List.of(snapshotted, batched, tail));
        assertArrayEquals(expected, awaitDocument(doc));
    }

    @Test
    void aDocumentOnlyInStorageIsServed() {
        String doc = "only-stored-" + UUID.randomUUID();
        byte[] update = TestUpdates.text(7, 0, "persisted long ago");
        BatchName batch = new BatchName(doc, 0, 0, 0);
        store.put(batch.key(), StoredObjectCodec.batch(batch, update, UpdateEncoding.V1));
        assertArrayEquals(Compaction.mergeAndCompact(List.of(update)), awaitDocument(doc));
    }

    @Test
    void aDamagedObjectWhoseRecordsTheLogNoLongerHoldsIsReportedAndTheRestIsServed() {
        String doc = "damaged-" + UUID.randomUUID();
        byte[] snapshotted = TestUpdates.text(8, 0, "still here ");
        byte[] lost = TestUpdates.text(8, 11, "in a truncated batch");
        SnapshotName snapshot = new SnapshotName(doc, 0, 10);
        store.put(snapshot.key(), StoredObjectCodec.snapshot(snapshot, snapshotted, UpdateEncoding.V1));
        // offsets far beyond the log's end: the log cannot give these records back
        BatchName truncated = new BatchName(doc, 0, 5_000_000, 5_000_009);
        byte[] object = StoredObjectCodec.batch(truncated, lost, UpdateEncoding.V1);
        store.put(truncated.key(), java.util.Arrays.copyOf(object, object.length / 2));
        double before = metrics.damagedObjects("unrecoverable");

        assertArrayEquals(Compaction.mergeAndCompact(List.of(snapshotted)), awaitDocument(doc), "served from the rest");
        assertEquals(before + 1, metrics.damagedObjects("unrecoverable"));
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(scrape.contains("skein_doc_storage_damaged_objects_total{outcome=\"unrecoverable\"}"), scrape);
    }

    @Test
    void theRecordsOfADamagedObjectAreTakenBackFromTheLog() throws Exception {
        String doc = "recovered-" + UUID.randomUUID();
        byte[] first = TestUpdates.text(9, 0, "typed ");
        byte[] second = TestUpdates.text(9, 6, "and batched");
        byte[] other = TestUpdates.text(10, 0, "another document, same partition");
        int partitions = partitions();
        int partition = Partitions.forDocument(doc, partitions);
        String neighbour = doc;
        for (int i = 0; neighbour.equals(doc) || Partitions.forDocument(neighbour, partitions) != partition; i++) {
            neighbour = doc + "-" + i;
        }
        long from = post(doc, first);
        post(neighbour, other);
        long to = post(doc, second);
        BatchName damagedBatch = new BatchName(doc, partition, from, to);
        byte[] snapshotted = TestUpdates.text(11, 0, "older snapshot");
        var loaded = new dev.skein.storage.read.LoadedDocument(snapshotted,
            dev.skein.storage.layout.DocumentObjects.of(doc, List.of()), List.of(),
            List.of(new dev.skein.storage.read.DamagedObject(damagedBatch, "checksum mismatch", partition, from, to)));
        double before = metrics.damagedObjects("recovered");

        DamageRecovery recovery = new DamageRecovery(new dev.skein.doc.kafka.LogRangeReader(
            KafkaTestResource.broker().bootstrapServers(), Duration.ofSeconds(20)), Topics.UPDATES_DEFAULT, metrics);
        assertArrayEquals(Compaction.mergeAndCompact(List.of(snapshotted, first, second)), recovery.complete(doc, loaded));
        assertEquals(before + 1, metrics.damagedObjects("recovered"));
    }

    @Test
    void aDocumentInNeitherIsEmpty() {
        given().when().get("/docs/{id}", "nowhere-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void partitionsReplayFromThePersistenceGroupsCommittedOffset() throws Exception {
        String servers = KafkaTestResource.broker().bootstrapServers();
        Map<String, Object> settings = KafkaClientSettings.assigningConsumer(servers, "test-committer");
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, StorageProfile.PERSISTENCE_GROUP);
        TopicPartition partition = new TopicPartition(Topics.UPDATES_DEFAULT, 3);
        try (KafkaConsumer<String, byte[]> committer = new KafkaConsumer<>(settings)) {
            committer.assign(List.of(partition));
            committer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
        }
        assertEquals(0, loader.replayFrom(Topics.UPDATES_DEFAULT, 3).orElseThrow());
        assertTrue(loader.replayFrom(Topics.UPDATES_DEFAULT, 4).isEmpty(), "nothing committed: the whole log");
    }

    private static int partitions() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientSettings.producer(
                KafkaTestResource.broker().bootstrapServers(), "test-partitions", 1 << 20))) {
            return producer.partitionsFor(Topics.UPDATES_DEFAULT).size();
        }
    }

    /** Appends an update of {@code doc} to the log; its offset. */
    private static long post(String doc, byte[] update) throws RuntimeException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientSettings.producer(
                KafkaTestResource.broker().bootstrapServers(), "test-tail", 1 << 20))) {
            int partitions = producer.partitionsFor(Topics.UPDATES_DEFAULT).size();
            return producer.send(DocumentRecords.update(Topics.UPDATES_DEFAULT, Partitions.forDocument(doc, partitions), doc,
                update, "test/tail")).get(10, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] awaitDocument(String doc) {
        byte[][] body = new byte[1][];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().when().get("/docs/{id}", doc);
            if (response.statusCode() == 200) {
                body[0] = response.asByteArray();
                return true;
            }
            return false;
        });
        return body[0];
    }
}
