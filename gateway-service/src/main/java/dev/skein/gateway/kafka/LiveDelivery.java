package dev.skein.gateway.kafka;

import dev.skein.contract.RetryPause;
import dev.skein.contract.DocumentRecords;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncReplyAssembler;
import dev.skein.gateway.awareness.AwarenessCache;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.config.TopicsConfig;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.protocol.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import dev.skein.gateway.session.UpdateFanout;
import dev.skein.gateway.sync.PendingSyncs;
import dev.skein.gateway.sync.SyncReplyDelivery;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.MessageCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The gateway's one Kafka consumer, on its own thread.
 *
 * <p>It assigns itself every partition of the update and awareness topics and the one partition
 * of the sync-reply topic its instance id maps to ({@link Partitions#forReplyTarget}); it is in no
 * consumer group and commits nothing, because a gateway only relays what happens from now on: it
 * starts at the end of every partition, and a restarted gateway's clients reconnect and sync
 * through a new sync request. Positions are resolved before the gateway reports ready, so every
 * record produced after a connection's sync request is delivered to it.
 *
 * <p>Each update is delivered to this instance's connections of its document except the one it
 * came from (and, with local delivery, not at all when it came from this instance: see
 * {@link UpdateFanout}); each awareness update to all of them, including its sender (as the stock
 * server does: a lone client's own echoed awareness is what keeps the stock provider's 30 s
 * silence timeout from firing).
 */
@ApplicationScoped
public class LiveDelivery {

    private static final Logger LOG = Logger.getLogger(LiveDelivery.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final SessionRegistry registry;
    private final AwarenessCache awareness;
    private final PendingSyncs pendingSyncs;
    private final SyncReplyDelivery replies;
    private final GatewayMetrics metrics;
    private final SyncReplyAssembler assembler;
    private final UpdateFanout fanout;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    LiveDelivery(KafkaClients clients, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            SessionRegistry registry, AwarenessCache awareness, PendingSyncs pendingSyncs, SyncReplyDelivery replies,
            GatewayMetrics metrics, GatewayConfig config, UpdateFanout fanout) {
        this.fanout = fanout;
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.registry = registry;
        this.awareness = awareness;
        this.pendingSyncs = pendingSyncs;
        this.replies = replies;
        this.metrics = metrics;
        this.assembler = new SyncReplyAssembler(instanceId.value(), config.replyBufferBytes(),
            config.syncTimeout(), pendingSyncs::awaits, Clock.systemUTC());
    }

    /** Starts the consuming thread (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "skein-live-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the consuming thread and closes the consumer. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the consumer is positioned at the end of every partition and delivering. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        while (running && !ready) {
            try {
                setUp();
            } catch (WakeupException e) {
                break;
            } catch (Exception e) {
                LOG.warnf("Kafka not ready yet (%s); retrying", e.getMessage());
                closeConsumer();
                pause();
            }
        }
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    dispatch(record);
                }
                metrics.consumerLag(lag(consumer));
                expire();
            }
        } catch (WakeupException e) {
            LOG.debug("live delivery woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("live delivery stopped", e);
        } finally {
            ready = false;
            closeConsumer();
        }
    }

    private void setUp() throws Exception {
        layout.load();
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(
            KafkaClientSettings.assigningConsumer(clients.bootstrapServers(), instanceId.value() + "-delivery"));
        consumer = created;
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < layout.updatePartitions(); p++) {
            partitions.add(new TopicPartition(topics.updates(), p));
        }
        for (int p = 0; p < layout.awarenessPartitions(); p++) {
            partitions.add(new TopicPartition(topics.awareness(), p));
        }
        partitions.add(new TopicPartition(topics.syncReplies(),
            Partitions.forReplyTarget(instanceId.value(), layout.replyPartitions())));
        created.assign(partitions);
        created.seekToEnd(partitions);
        for (TopicPartition partition : partitions) {
            created.position(partition, Duration.ofSeconds(10));
        }
        ready = true;
        LOG.infof("gateway %s delivering from %d partitions", instanceId.value(), partitions.size());
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.syncReplies())) {
                handleReply(record);
                return;
            }
            if (record.key() == null || record.value() == null || !registry.hasDocument(record.key())) {
                return;
            }
            Optional<RecordKind> kind = RecordKind.of(record.headers());
            if (record.topic().equals(topics.updates()) && kind.orElse(null) == RecordKind.UPDATE) {
                deliverUpdate(record);
            } else if (record.topic().equals(topics.awareness()) && kind.orElse(null) == RecordKind.AWARENESS) {
                deliverAwareness(record);
            }
        } catch (RuntimeException e) {
            metrics.error("consume");
            LOG.warnf("skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void deliverUpdate(ConsumerRecord<String, byte[]> record) {
        fanout.consumed(record.key(), DocumentRecords.origin(record).orElse(""), record.value());
    }

    private void deliverAwareness(ConsumerRecord<String, byte[]> record) {
        awareness.apply(record.key(), record.value());
        byte[] frame = MessageCodec.encode(new AwarenessMessage(record.value()));
        for (Session session : registry.sessionsOf(record.key())) {
            session.send(frame);
        }
    }

    private void handleReply(ConsumerRecord<String, byte[]> record) {
        SyncReplyAssembler.Outcome outcome = assembler.accept(record);
        if (outcome instanceof SyncReplyAssembler.Complete complete) {
            pendingSyncs.complete(complete.reply().correlationId())
                .ifPresent(session -> replies.deliver(session, complete.reply()));
        } else if (outcome instanceof SyncReplyAssembler.Rejected rejected) {
            metrics.error("sync-reply");
            LOG.warnf("sync reply %s rejected: %s", rejected.correlationId(), rejected.reason());
            pendingSyncs.complete(rejected.correlationId())
                .ifPresent(session -> session.close(CloseCodes.TRY_AGAIN_LATER, "sync failed"));
        }
    }

    private void expire() {
        for (String correlationId : assembler.expire()) {
            pendingSyncs.complete(correlationId);
        }
        for (Session session : pendingSyncs.expire()) {
            metrics.error("sync-timeout");
            session.close(CloseCodes.TRY_AGAIN_LATER, "sync timed out");
        }
    }

    private void closeConsumer() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("closing consumer: %s", e.getMessage());
            }
        }
    }

    private void pause() {
        if (!RetryPause.pause(Duration.ofSeconds(1))) {
            running = false;
        }
    }

    /** Sum of every assigned partition's lag as the consumer last saw it (no broker round trip). */
    private static long lag(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer) {
        long total = 0;
        for (org.apache.kafka.common.TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }
}
