package dev.skein.persistence.kafka;

import dev.skein.contract.RetryPause;
import dev.skein.contract.DocumentIds;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.RecordKind;
import dev.skein.persistence.batch.Batcher;
import dev.skein.persistence.batch.FlushBounds;
import dev.skein.persistence.compaction.CompactionScheduler;
import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.config.TopicsConfig;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.persistence.storage.BatchWriter;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
@ApplicationScoped
public class UpdateConsumer {

    private static final Logger LOG = Logger.getLogger(UpdateConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final TopicsConfig topics;
    private final PersistenceConfig config;
    private final String instanceId;
    private final ObjectStore store;
    private final BatchWriter writer;
    private final CompactionScheduler scheduler;
    private final PersistenceMetrics metrics;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile int pendingDocuments;
    private Thread thread;

    UpdateConsumer(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            TopicsConfig topics, PersistenceConfig config, InstanceIdentity identity, ObjectStore store, BatchWriter writer,
            CompactionScheduler scheduler, PersistenceMetrics metrics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.config = config;
        this.instanceId = identity.value();
        this.store = store;
        this.writer = writer;
        this.scheduler = scheduler;
        this.metrics = metrics;
        metrics.pendingDocuments(() -> pendingDocuments);
    }

    /** Starts the consuming thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "skein-persistence-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes what is buffered, commits, leaves the group and stops. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the consumer has joined the group and is polling. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (Exception e) {
                ready = false;
                pendingDocuments = 0;
                metrics.error("consumer");
                LOG.warnf("persistence consumer failed (%s); re-reading from the committed offsets", e.toString());
                pause();
            }
        }
        ready = false;
    }

    private void consume() {
        // again on every session: the bucket may have been missing while storage was down
        store.ensureBucket();
        Batcher batcher = new Batcher(writer, FlushBounds.of(config.flush()), scheduler);
        Map<String, Object> settings = KafkaClientSettings.groupConsumer(bootstrapServers,
            instanceId + "-persistence", config.groupId(), (int) config.sessionTimeout().toMillis());
        // every record of an owned partition must reach storage, so a first start reads from the beginning
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(topics.updates()), new Rebalance(consumer, batcher));
            long lastCommit = System.nanoTime();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(batcher, record);
                }
                long now = System.nanoTime();
                batcher.flushDue(now);
                pendingDocuments = batcher.pendingDocuments();
                ready = true;
                if (now - lastCommit >= config.commitInterval().toNanos()) {
                    commit(consumer, batcher, null);
                    lastCommit = now;
                }
            }
            batcher.flushAll("shutdown");
            commit(consumer, batcher, null);
        }
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

    private void pause() {
        if (!RetryPause.pause(config.retryBackoff())) {
            running = false;
        }
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
                LOG.infof("%s persists partitions %s", instanceId, partitions);
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
