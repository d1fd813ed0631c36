package dev.skein.persistence;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.RecordKind;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.Topics;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3Server;
import dev.skein.testkit.s3.S3TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** The test's view of the real Kafka and S3 servers: produce updates, read objects and committed offsets. */
public final class Cluster implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final String group;
    private final S3ObjectStore store;
    private final DocumentReader reader;

    public Cluster(String bootstrapServers, S3Server s3, String bucket, String group) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(KafkaClientSettings.producer(bootstrapServers, "test-producer", 8 << 20));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.group = group;
        this.store = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket,
            StorageSettings.REGION_DEFAULT));
        this.reader = new DocumentReader(store);
    }

    /** Against the servers of the Quarkus test resources and {@link PersistenceTestProfile}. */
    public static Cluster forQuarkusTests() {
        return new Cluster(KafkaTestResource.broker().bootstrapServers(), S3TestResource.server(),
            "persistence-test", PersistenceTestProfile.GROUP);
    }

    /** Against the servers of the Quarkus test resources and {@link HistoryTestProfile}. */
    public static Cluster forHistoryTests() {
        return new Cluster(KafkaTestResource.broker().bootstrapServers(), S3TestResource.server(),
            HistoryTestProfile.BUCKET, HistoryTestProfile.GROUP);
    }

    /** Partition of a document in the update topic. */
    public int partitionOf(String docId) {
        int partitions = producer.partitionsFor(Topics.UPDATES_DEFAULT).size();
        return Partitions.forDocument(docId, partitions);
    }

    /** Produces an update record as a gateway would and waits for Kafka's acknowledgement; returns its offset. */
    public long produce(String docId, byte[] update) {
        return send(DocumentRecords.update(Topics.UPDATES_DEFAULT, partitionOf(docId), docId, update, "test/c"));
    }

    /**
     * Produces an update record of {@code principal} stamped {@code timestampMillis} (the log's
     * time: version history judges pauses by it); returns its offset.
     */
    public long produce(String docId, byte[] update, String principal, long timestampMillis) {
        return send(stamped(DocumentRecords.update(Topics.UPDATES_DEFAULT, partitionOf(docId), docId, update, "test/c",
            principal), timestampMillis));
    }

    /** Produces a version request stamped {@code timestampMillis}; returns its offset. */
    public long requestVersion(VersionRequest request, long timestampMillis) {
        return send(stamped(request.toRecord(Topics.UPDATES_DEFAULT, partitionOf(request.docId())), timestampMillis));
    }

    /** The same record with another timestamp. */
    public static ProducerRecord<String, byte[]> stamped(ProducerRecord<String, byte[]> record, long timestampMillis) {
        ProducerRecord<String, byte[]> stamped = new ProducerRecord<>(record.topic(), record.partition(), timestampMillis,
            record.key(), record.value());
        record.headers().forEach(h -> stamped.headers().add(h));
        return stamped;
    }

    /** The version replies addressed to {@code replyTo} so far. */
    public List<VersionReply> versionReplies(String replyTo) {
        List<VersionReply> replies = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientSettings.assigningConsumer(bootstrapServers, "test-replies"))) {
            int partitions = consumer.partitionsFor(Topics.SYNC_REPLIES_DEFAULT, Duration.ofSeconds(10)).size();
            TopicPartition partition = new TopicPartition(Topics.SYNC_REPLIES_DEFAULT,
                Partitions.forReplyTarget(replyTo, partitions));
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (RecordKind.of(record.headers()).orElse(null) == RecordKind.VERSION_REPLY
                            && replyTo.equals(record.key())) {
                        replies.add(VersionReply.fromRecord(record));
                    }
                }
            }
        }
        return replies;
    }

    /** Produces a record without waiting (bulk replays); the future gives its offset. */
    public java.util.concurrent.Future<RecordMetadata> sendAsync(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /** Produces any record into a document's partition; returns its offset. */
    public long send(ProducerRecord<String, byte[]> record) {
        try {
            RecordMetadata metadata = producer.send(record).get(10, TimeUnit.SECONDS);
            return metadata.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    /** The persistence group's committed offset of a partition, or -1. */
    public long committed(int partition) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.UPDATES_DEFAULT, partition));
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("listing offsets failed", e);
        }
    }

    /** A document's objects now. */
    public DocumentObjects objects(String docId) {
        return reader.objects(docId);
    }

    /** The reader over the bucket. */
    public DocumentReader reader() {
        return reader;
    }

    /** The store under the reader. */
    public S3ObjectStore store() {
        return store;
    }

    /** The Admin client. */
    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
