package dev.skein.persistence.kafka;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.RecordKind;
import dev.skein.persistence.batch.Batcher;
import dev.skein.persistence.batch.FlushBounds;
import dev.skein.persistence.compaction.CompactionScheduler;
import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.persistence.storage.BatchWriter;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.Updates;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The persistence group over the update topic, on its own thread: buffers {@code update} records
 * per document, writes batches, and commits a partition's offset only below what is written.
 *
 * <p>Failure handling is crash-only: when storage or Kafka fails, the consumer is closed without
 * committing anything more, its buffers are dropped, and after {@code retry-backoff} a new
 * consumer re-reads from the committed offsets. Batches written before the failure are written
 * again under the same names with the same content, which is harmless.
 *
 * <p>On revocation a partition's buffers are written and committed first, so the next owner
 * starts where this one stopped. A record without key or value, with an invalid document id, of an
 * unknown kind, or an update that does not decode is skipped and counted; sync requests are not
 * stored.
 */
@Singleton
public class UpdateConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(UpdateConsumer.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final PersistenceConfig config;
    private final InstanceId instanceId;
    private final ObjectStore store;
    private final BatchWriter writer;
    private final CompactionScheduler scheduler;
    private final PersistenceMetrics metrics;
    private volatile int pendingDocuments;
    /** The buffers of the current consumer session (a new one after every failure: crash-only). */
    private Batcher batcher;
    private long lastCommit;

    UpdateConsumer(KafkaClients clients, TopicsConfig topics, TopicLayout layout, PersistenceConfig config,
            InstanceId instanceId, ObjectStore store, BatchWriter writer, CompactionScheduler scheduler,
            PersistenceMetrics metrics) {
        super("skein-persistence-consumer", Duration.ofMillis(100), config.retryBackoff());
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.config = config;
        this.instanceId = instanceId;
        this.store = store;
        this.writer = writer;
        this.scheduler = scheduler;
        this.metrics = metrics;
        metrics.pendingDocuments(() -> pendingDocuments);
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
        // again on every session: the bucket may have been missing while storage was down
        store.ensureBucket();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        Map<String, Object> overrides = new HashMap<>();
        // every record of an owned partition must reach storage, so a first start reads from the beginning
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes());
        return clients.groupConsumer("persistence", config.groupId(), config.sessionTimeout(), overrides);
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        batcher = new Batcher(writer, FlushBounds.of(config.flush()), scheduler);
        lastCommit = System.nanoTime();
        consumer.subscribe(List.of(topics.updates()), new Rebalance(consumer, batcher));
    }

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(batcher, record);
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        long now = System.nanoTime();
        batcher.flushDue(now);
        pendingDocuments = batcher.pendingDocuments();
        if (now - lastCommit >= config.commitInterval().toNanos()) {
            commit(consumer, batcher, null);
            lastCommit = now;
        }
    }

    /** Writes what is buffered and commits it before leaving the group. */
    @Override
    protected void beforeClose(KafkaConsumer<String, byte[]> consumer) {
        batcher.flushAll("shutdown");
        commit(consumer, batcher, null);
    }

    /** Lets the current poll end, so that {@link #beforeClose} writes and commits the buffers. */
    @Override
    protected boolean wakeOnStop() {
        return false;
    }

    /** Crash-only: the buffers are dropped, a new consumer re-reads from the committed offsets. */
    @Override
    protected void onFailure(Exception failure, boolean wasReady) {
        pendingDocuments = 0;
        metrics.error("consumer");
    }

    private void handle(Batcher batcher, ConsumerRecord<String, byte[]> record) {
        int partition = record.partition();
        long offset = record.offset();
        RecordKind kind = RecordKind.of(record.headers()).orElse(null);
        if (kind == RecordKind.SYNC_REQUEST) {
            batcher.skipped(partition, offset);
            return;
        }
        String reason = problem(record, kind);
        if (reason != null) {
            batcher.skipped(partition, offset);
            metrics.skipped(reason);
            LOG.warnf("skipped %s-%d@%d: %s", record.topic(), partition, offset, reason);
            return;
        }
        batcher.add(partition, record.key(), offset, record.value(), record.timestamp(), System.nanoTime());
        metrics.record();
    }

    /** Why an update record cannot be stored, or {@code null} if it can. */
    private static String problem(ConsumerRecord<String, byte[]> record, RecordKind kind) {
        if (kind != RecordKind.UPDATE) {
            return "unknown-kind";
        }
        if (record.key() == null || record.value() == null) {
            return "no-key-or-value";
        }
        if (!DocumentIds.isValid(record.key())) {
            return "invalid-document-id";
        }
        try {
            Updates.validateUpdate(record.value());
        } catch (YDecodingException | IllegalArgumentException e) {
            return "malformed-update";
        }
        return null;
    }

    /** Commits what is written; {@code only} restricts the commit to some partitions. */
    private void commit(KafkaConsumer<String, byte[]> consumer, Batcher batcher, Collection<Integer> only) {
        Map<Integer, Long> offsets = new HashMap<>(batcher.committable());
        if (only != null) {
            offsets.keySet().retainAll(only);
        }
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) ->
            commits.put(new TopicPartition(topics.updates(), partition), new OffsetAndMetadata(offset)));
        consumer.commitSync(commits);
        batcher.committed(offsets);
        metrics.commit();
    }

    /** Writes and commits a partition before handing it over; forgets lost ones. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Batcher batcher;

        Rebalance(KafkaConsumer<String, byte[]> consumer, Batcher batcher) {
            this.consumer = consumer;
            this.batcher = batcher;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> batcher.assigned(p.partition()));
            if (!partitions.isEmpty()) {
                LOG.infof("%s persists partitions %s", instanceId.value(), partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<Integer> revoked = partitions.stream().map(TopicPartition::partition).toList();
            if (revoked.isEmpty()) {
                return;
            }
            revoked.forEach(p -> batcher.flushPartition(p, "revoked"));
            commit(consumer, batcher, revoked);
            revoked.forEach(batcher::dropped);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance owns them already; what was buffered is re-read by it
            partitions.forEach(p -> batcher.dropped(p.partition()));
        }
    }
}
