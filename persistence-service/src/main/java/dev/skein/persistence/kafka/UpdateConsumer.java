package dev.skein.persistence.kafka;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.DocumentRecords;
import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.RecordKind;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.persistence.batch.Batcher;
import dev.skein.persistence.batch.FlushBounds;
import dev.skein.persistence.compaction.CompactionScheduler;
import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.history.HistoryPolicy;
import dev.skein.persistence.history.HistorySession;
import dev.skein.persistence.history.HistoryStore;
import dev.skein.persistence.history.VersionCuts;
import dev.skein.persistence.history.VersionReplies;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.persistence.storage.BatchWriter;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.Updates;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 *
 * <p>Version history ({@link HistorySession}) happens here too, in log order: before an update
 * that follows a pause (or ends a long stretch of editing) the document's buffer is written and a
 * version recorded; a {@code version-request} does the same at its own offset and is answered once
 * the version is stored; after each poll, documents of partitions read to their end that have
 * been quiet for {@code skein.history.idle} get theirs.
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
    private final HistoryPolicy historyPolicy;
    private final HistoryStore historyStore;
    private final VersionCuts cuts;
    private final VersionReplies replies;
    private volatile int pendingDocuments;
    /** The buffers of the current consumer session (a new one after every failure: crash-only). */
    private Batcher batcher;
    /** The version trackers of the current consumer session, dropped with the buffers. */
    private HistorySession history;
    private long lastCommit;

    UpdateConsumer(KafkaClients clients, TopicsConfig topics, TopicLayout layout, PersistenceConfig config,
            InstanceId instanceId, ObjectStore store, BatchWriter writer, CompactionScheduler scheduler,
            PersistenceMetrics metrics, HistoryPolicy historyPolicy, HistoryStore historyStore, VersionCuts cuts,
            VersionReplies replies) {
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
        this.historyPolicy = historyPolicy;
        this.historyStore = historyStore;
        this.cuts = cuts;
        this.replies = replies;
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
        history = new HistorySession(historyPolicy, historyStore, cuts, metrics);
        batcher = new Batcher(writer, FlushBounds.of(config.flush()), scheduler, history);
        lastCommit = System.nanoTime();
        consumer.subscribe(List.of(topics.updates()), new Rebalance(consumer, batcher, history));
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
        cutIdleDocuments(consumer);
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
        if (kind == RecordKind.VERSION_REQUEST) {
            batcher.skipped(partition, offset);
            versionRequested(record);
            return;
        }
        if (kind != null && kind != RecordKind.UPDATE) {
            // another service's business (sync requests and the like): nothing to store
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
        String docId = record.key();
        if (history.applies(docId)) {
            Optional<Trigger> cut = history.beforeUpdate(partition, docId, record.timestamp());
            if (cut.isPresent()) {
                recordVersion(partition, docId, cut.get());
            }
        }
        String principal = DocumentRecords.principal(record).orElse(ChangeSet.UNKNOWN);
        batcher.add(partition, docId, offset, record.value(), record.timestamp(), principal, System.nanoTime());
        history.updated(docId, offset, record.timestamp());
        metrics.record();
    }

    /** Writes the document's buffer, then its version at its last update. */
    private void recordVersion(int partition, String docId, Trigger trigger) {
        batcher.flushDocument(partition, docId, "version");
        OptionalLong version = history.cut(docId, trigger);
        if (version.isPresent()) {
            scheduler.versionRecorded(docId);
        }
    }

    private void versionRequested(ConsumerRecord<String, byte[]> record) {
        VersionRequest request;
        try {
            request = VersionRequest.fromRecord(record);
        } catch (MalformedRecordException e) {
            metrics.skipped("malformed-version-request");
            metrics.versionRequest("malformed");
            LOG.warnf("skipped %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!DocumentIds.isValid(request.docId())) {
            metrics.skipped("invalid-document-id");
            return;
        }
        VersionReply.Outcome outcome;
        OptionalLong version = OptionalLong.empty();
        if (!history.applies(request.docId())) {
            outcome = VersionReply.Outcome.HISTORY_OFF;
        } else {
            batcher.flushDocument(record.partition(), request.docId(), "version");
            HistorySession.Requested requested = history.requested(record.partition(), record.offset(),
                record.timestamp(), request);
            outcome = requested.outcome();
            version = requested.version();
            if (version.isPresent()) {
                scheduler.versionRecorded(request.docId());
            }
        }
        metrics.versionRequest(outcome.wireName());
        replies.send(new VersionReply(request.docId(), request.correlationId(), request.replyTo(), outcome, version));
    }

    /**
     * Versions of documents quiet for {@code idle}, by the clock: only in partitions read to their
     * end, so that catching up after a restart cuts where the records' timestamps say, not where
     * a poll happened to end.
     */
    private void cutIdleDocuments(KafkaConsumer<String, byte[]> consumer) {
        Set<Integer> caughtUp = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent() && lag.getAsLong() == 0) {
                caughtUp.add(partition.partition());
            }
        }
        if (caughtUp.isEmpty()) {
            return;
        }
        for (String docId : history.idle(System.currentTimeMillis(), caughtUp)) {
            recordVersion(partitionOf(docId), docId, Trigger.IDLE);
            history.settle(docId);
        }
    }

    private int partitionOf(String docId) {
        return layout.updatePartitionOf(docId);
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
        private final HistorySession history;

        Rebalance(KafkaConsumer<String, byte[]> consumer, Batcher batcher, HistorySession history) {
            this.consumer = consumer;
            this.batcher = batcher;
            this.history = history;
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
            revoked.forEach(history::dropped);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another instance owns them already; what was buffered is re-read by it
            partitions.forEach(p -> batcher.dropped(p.partition()));
            partitions.forEach(p -> history.dropped(p.partition()));
        }
    }
}
