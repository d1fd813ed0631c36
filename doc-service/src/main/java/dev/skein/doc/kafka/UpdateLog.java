package dev.skein.doc.kafka;

import dev.skein.contract.RetryPause;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncRequest;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.config.TopicsConfig;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.state.DocumentStateLoader;
import dev.skein.doc.state.OwnedDocuments;
import dev.skein.doc.sync.SyncResponder;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The doc-service's consumer group over the update topic, on its own thread.
 *
 * <p>Owning a partition means holding its documents' state: on assignment the partition is read
 * again from where the {@link DocumentStateLoader} says (today: the beginning), so its documents
 * are rebuilt in log order. Records are handled strictly in log order, so a sync request is
 * answered only after every update before it. Sync requests older than
 * {@code skein.doc.sync-request-max-age} are not answered (met again during a replay, their
 * requester has long given up). Offsets are never committed: the group serves ownership only.
 *
 * <p>A record that cannot be used (no key, unknown kind, an update that does not decode, a sync
 * request without its headers) is skipped and counted in {@code skein_doc_skipped_total{reason}}
 * with a log line; it never stops the consumer.
 */
@ApplicationScoped
public class UpdateLog {

    private static final Logger LOG = Logger.getLogger(UpdateLog.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final DocConfig config;
    private final InstanceId instanceId;
    private final DocumentStateLoader loader;
    private final OwnedDocuments documents;
    private final SyncResponder responder;
    private final DocMetrics metrics;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    UpdateLog(KafkaClients clients, TopicsConfig topics, TopicLayout layout, DocConfig config, InstanceId instanceId,
            DocumentStateLoader loader, OwnedDocuments documents, SyncResponder responder, DocMetrics metrics) {
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.config = config;
        this.instanceId = instanceId;
        this.loader = loader;
        this.documents = documents;
        this.responder = responder;
        this.metrics = metrics;
        metrics.documents(documents::documentCount);
    }

    /** Starts the consuming thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "skein-update-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Leaves the group (handing partitions over at once) and stops. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(15_000);
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
                layout.load();
                consume();
            } catch (WakeupException e) {
                break;
            } catch (Exception e) {
                ready = false;
                LOG.warnf("update log consumer failed (%s); restarting", e.getMessage());
                pause();
            }
        }
        ready = false;
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(KafkaClientSettings.groupConsumer(
                clients.bootstrapServers(), instanceId.value() + "-log", config.groupId(),
                (int) config.sessionTimeout().toMillis()))) {
            consumer = created;
            created.subscribe(List.of(topics.updates()), new Rebalance(created));
            long lastCompaction = System.nanoTime();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : created.poll(Duration.ofMillis(200))) {
                    try {
                        handle(record);
                    } catch (RuntimeException e) {
                        skip(record, "processing-failed", e.toString());
                    }
                }
                ready = true;
                metrics.consumerLag(lag(created));
                if (System.nanoTime() - lastCompaction > 10_000_000_000L) {
                    int dropped = documents.compactIdle(topics.updates());
                    if (dropped > 0) {
                        LOG.debugf("dropped %d idle persisted documents from memory", dropped);
                    }
                    lastCompaction = System.nanoTime();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Sum of the owned partitions' lag as the consumer last saw it (no broker round trip). */
    private static long lag(KafkaConsumer<String, byte[]> consumer) {
        long total = 0;
        for (org.apache.kafka.common.TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
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
        documents.apply(record.partition(), record.key(), record.value(), record.offset());
        metrics.record("update");
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

    private void pause() {
        if (!RetryPause.pause(Duration.ofSeconds(1))) {
            running = false;
        }
    }

    /** Rebuilds the documents of assigned partitions and forgets revoked ones. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                documents.revoked(partition.partition());
                documents.assigned(partition.partition());
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
            partitions.forEach(p -> documents.revoked(p.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> documents.revoked(p.partition()));
        }
    }
}
