package dev.skein.doc.kafka;

import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.OwnerWake;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncRequest;
import dev.skein.doc.changes.ChangePublisher;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.live.LiveDocuments;
import dev.skein.doc.live.LiveEdits;
import dev.skein.doc.live.LiveUpdates;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.state.DocumentStateLoader;
import dev.skein.doc.state.OwnedDocuments;
import dev.skein.doc.sync.SyncResponder;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.Updates;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The doc-service's consumer group over the update topic, on its own thread.
 *
 * <p>Owning a partition means holding its documents' state: on assignment the partition is read
 * again from where the {@link DocumentStateLoader} says (today: the beginning), so its documents
 * are rebuilt in log order. Records are handled strictly in log order, so a sync request is
 * answered only after every update before it. Sync requests older than
 * {@code skein.doc.sync-request-max-age} are not answered (met again during a replay, their
 * requester has long given up). Offsets are committed after each poll and on revocation only to
 * tell the next owner where this one stopped publishing changes; state is never rebuilt from them.
 *
 * <p>A record that cannot be used (no key, unknown kind, an update that does not decode, a sync
 * request without its headers) is skipped and counted in {@code skein_doc_skipped_total{reason}}
 * with a log line; it never stops the consumer.
 */
@Singleton
public class UpdateLog extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(UpdateLog.class);
    private static final long IDLE_COMPACTION_NANOS = 10_000_000_000L;
    /**
     * How often handled offsets are committed. A commit is a write to the broker's offsets log and
     * a group-coordinator event: committed after every poll, that was one per keystroke, a fifth of
     * the broker's CPU in a fanout run. A crash repeats at most this much of the change events
     * (a clean hand-over commits on revocation).
     */
    private static final long COMMIT_INTERVAL_NANOS = 1_000_000_000L;

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final DocConfig config;
    private final InstanceId instanceId;
    private final DocumentStateLoader loader;
    private final OwnedDocuments documents;
    private final SyncResponder responder;
    private final DocMetrics metrics;
    private final LiveDocuments live;
    private final LiveUpdates liveUpdates;
    private final LiveEdits edits;
    private final ChangePublisher changes;
    private final Producer<String, byte[]> producer;
    private boolean handledSinceCommit;
    private long lastCompaction = System.nanoTime();
    private long lastCommit = System.nanoTime();

    UpdateLog(KafkaClients clients, TopicsConfig topics, TopicLayout layout, DocConfig config, InstanceId instanceId,
            DocumentStateLoader loader, OwnedDocuments documents, SyncResponder responder, DocMetrics metrics,
            LiveDocuments live, LiveUpdates liveUpdates, LiveEdits edits, ChangePublisher changes,
            Producer<String, byte[]> producer) {
        super("skein-update-log", Duration.ofMillis(200), Duration.ofSeconds(1));
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.config = config;
        this.instanceId = instanceId;
        this.loader = loader;
        this.documents = documents;
        this.responder = responder;
        this.metrics = metrics;
        this.live = live;
        this.liveUpdates = liveUpdates;
        this.edits = edits;
        this.changes = changes;
        this.producer = producer;
        metrics.documents(documents::documentCount);
        metrics.consumerLag(this::lag);
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        // batched fetches between requests; sync and edit requests wake the held fetch (OwnerWake)
        return clients.groupConsumer("log", config.groupId(), config.sessionTimeout(), Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, OwnerWake.FETCH_MIN_BYTES,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.fetchMaxWait().toMillis()));
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(List.of(topics.updates()), new Rebalance(consumer));
    }

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        handledSinceCommit |= !records.isEmpty();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                handle(record);
            } catch (RuntimeException e) {
                skip(record, "processing-failed", e.toString());
            }
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        changes.flushDue();
        if (handledSinceCommit && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
            // what this owner handled, so that the next owner publishes changes from there on
            consumer.commitAsync();
            handledSinceCommit = false;
            lastCommit = System.nanoTime();
        }
        if (System.nanoTime() - lastCompaction > IDLE_COMPACTION_NANOS) {
            int dropped = documents.compactIdle(topics.updates());
            if (dropped > 0) {
                LOG.debugf("dropped %d idle persisted documents from memory", dropped);
            }
            lastCompaction = System.nanoTime();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            skip(record, "no-key-or-value", "missing key or value");
            return;
        }
        RecordKind kind = RecordKind.of(record.headers()).orElse(null);
        if (kind == RecordKind.UPDATE) {
            applyUpdate(record);
        } else if (kind == RecordKind.SYNC_REQUEST) {
            answer(record);
        } else if (kind == RecordKind.EDIT_REQUEST) {
            edit(record);
        } else if (kind == RecordKind.VERSION_REQUEST) {
            // persistence-service's: in the document's order on purpose, nothing for doc-service
            return;
        } else {
            skip(record, "unknown-kind", "unknown kind");
        }
    }

    private void applyUpdate(ConsumerRecord<String, byte[]> record) {
        try {
            Updates.validateUpdate(record.value());
        } catch (YDecodingException | IllegalArgumentException e) {
            skip(record, "malformed-update", e.getMessage());
            return;
        }
        // the live document first: it loads the merged state as it was before this update
        liveUpdates.consumed(record);
        documents.apply(record.partition(), record.key(), record.value(), record.offset());
        metrics.record("update");
    }

    private void edit(ConsumerRecord<String, byte[]> record) {
        try {
            edits.handle(record);
            metrics.record("edit-request");
        } catch (MalformedRecordException e) {
            skip(record, "malformed-edit-request", e.getMessage());
        }
    }

    private void answer(ConsumerRecord<String, byte[]> record) {
        SyncRequest request;
        try {
            request = SyncRequest.fromRecord(record);
        } catch (MalformedRecordException e) {
            skip(record, "malformed-sync-request", e.getMessage());
            return;
        }
        if (System.currentTimeMillis() - record.timestamp() > config.syncRequestMaxAge().toMillis()) {
            metrics.skipped("stale-sync-request");
            return;
        }
        try {
            responder.answer(request, documents.stateOf(record.partition(), record.key()));
            metrics.record("sync-request");
        } catch (YDecodingException | IllegalArgumentException e) {
            skip(record, "malformed-state-vector", e.getMessage());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        metrics.skipped(reason);
        LOG.warnf("skipped %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), reason, detail);
    }

    /** Rebuilds the documents of assigned partitions and forgets revoked ones. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // the previous owner published the changes of records up to its last commit and may have
            // applied edit requests up to the end of the log as of now
            Map<TopicPartition, Long> ends = partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = partitions.isEmpty() ? Map.of()
                : consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                documents.revoked(partition.partition());
                live.revoked(partition.partition());
                documents.assigned(partition.partition());
                long end = ends.getOrDefault(partition, 0L);
                OffsetAndMetadata handled = committed.get(partition);
                live.assigned(partition.partition(), handled == null ? end : handled.offset(), end);
                OptionalLong from = loader.replayFrom(partition.topic(), partition.partition());
                if (from.isPresent()) {
                    consumer.seek(partition, from.getAsLong());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            if (!partitions.isEmpty()) {
                LOG.infof("%s owns partitions %s (rebuilding)", instanceId.value(), partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // own updates in flight land before the next owner takes the end of the log as its start,
            // and the next owner publishes changes from where this one stopped
            producer.flush();
            changes.flushProduced();
            try {
                consumer.commitSync();
            } catch (RuntimeException e) {
                LOG.warnf("could not commit handled offsets on revocation (%s): the next owner may repeat changes", e.toString());
            }
            partitions.forEach(p -> {
                documents.revoked(p.partition());
                live.revoked(p.partition());
            });
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                documents.revoked(p.partition());
                live.revoked(p.partition());
            });
        }
    }
}
