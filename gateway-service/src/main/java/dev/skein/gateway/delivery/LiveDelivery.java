package dev.skein.gateway.delivery;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncReplyAssembler;
import dev.skein.gateway.awareness.AwarenessCache;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.OutboundFrame;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import dev.skein.gateway.sync.HeldDocuments;
import dev.skein.gateway.sync.PendingSyncs;
import dev.skein.gateway.sync.SyncReplyDelivery;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.ycrdt.protocol.MessageCodec;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The gateway's one Kafka consumer, on its own thread.
 *
 * <p>It reads the one partition of the sync-reply topic its instance id maps to, and the update
 * and awareness partitions of the documents this gateway has connections to
 * ({@link FollowedPartitions}): a connection's document is followed before its sync request is
 * produced, and the connection waits until the consumer is positioned there. It is in no consumer
 * group and commits nothing, because a gateway only relays what happens from now on: a partition
 * is read from its end, and a restarted gateway's clients reconnect and sync through a new sync
 * request.
 *
 * <p>Each update is delivered to this instance's connections of its document except the one it
 * came from (and, with local delivery, not at all when it came from this instance: see
 * {@link UpdateFanout}); each awareness update to all of them, including its sender (as the stock
 * server does: a lone client's own echoed awareness is what keeps the stock provider's 30 s
 * silence timeout from firing).
 */
@Singleton
public class LiveDelivery extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(LiveDelivery.class);
    /** How long a partition is still read after its last document left (a reloading tab comes back). */
    private static final Duration PARTITION_LINGER = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration SHORTEST_POLL = Duration.ofMillis(1);

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
    private final HeldDocuments held;
    private final FollowedPartitions followed = new FollowedPartitions(PARTITION_LINGER.toNanos());
    private final QuietPartitions quiet;
    /** A target not yet fully applied (its position lookups were interrupted by a wake-up). */
    private Set<TopicPartition> applying;
    /** The partitions the consumer has paused (quiet ones between their reads). */
    private Set<TopicPartition> paused = Set.of();
    private volatile int quietPartitions;

    LiveDelivery(KafkaClients clients, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            SessionRegistry registry, AwarenessCache awareness, PendingSyncs pendingSyncs, SyncReplyDelivery replies,
            GatewayMetrics metrics, GatewayConfig config, UpdateFanout fanout, HeldDocuments held) {
        super("skein-live-delivery", POLL_TIMEOUT, Duration.ofSeconds(1));
        this.fanout = fanout;
        this.held = held;
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
        // reading back only own records is needless only when they were delivered locally
        long quietInterval = config.localDelivery() ? config.quietReadInterval().toNanos() : 0;
        this.quiet = new QuietPartitions(quietInterval, config.quietAfter().toNanos());
        metrics.consumerLag(this::lag);
        metrics.quietPartitions(() -> quietPartitions);
        registry.onDocumentLeft(docId -> followed.leave(partitionsOf(docId), System.nanoTime()));
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        return clients.assigningConsumer("delivery");
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        followed.always(Set.of(new TopicPartition(topics.syncReplies(), layout.replyPartitionOf(instanceId.value()))));
        followed.reset();
        applying = followed.target(System.nanoTime());
        // no blocking call here: the first poll looks the positions up, afterPoll lets followers on
        consumer.assign(applying);
        consumer.seekToEnd(applying);
        paused = Set.of();
        quiet.track(updatePartitionsOf(applying), System.nanoTime());
    }

    /**
     * Reads the update and awareness partitions of {@code docId} from now on (if this gateway did
     * not already).
     *
     * @return completes once the consumer is positioned on them: a record produced after that
     *     reaches this gateway's connections of the document
     */
    public CompletableFuture<Void> follow(String docId) {
        CompletableFuture<Void> positioned = followed.follow(partitionsOf(docId));
        if (!positioned.isDone()) {
            wake();
        }
        return positioned;
    }

    private List<TopicPartition> partitionsOf(String docId) {
        return List.of(new TopicPartition(topics.updates(), layout.updatePartitionOf(docId)),
            new TopicPartition(topics.awareness(), layout.awarenessPartitionOf(docId)));
    }

    /**
     * Reads exactly {@code target}, new partitions from their end, and tells who waited for them.
     * Safe to repeat: a {@link #wake()} can interrupt the position lookups, and the next call
     * (with the same or a newer target) finishes them, since every partition of the target is
     * looked up (at once where the consumer knows its position).
     */
    private void reassign(KafkaConsumer<String, byte[]> consumer, Set<TopicPartition> target) {
        Set<TopicPartition> added = new HashSet<>(target);
        added.removeAll(consumer.assignment());
        consumer.assign(target);
        if (!added.isEmpty()) {
            consumer.seekToEnd(added);
            LOG.debugf("gateway %s delivering from %d partitions", instanceId.value(), target.size());
        }
        quiet.track(updatePartitionsOf(target), System.nanoTime());
        for (TopicPartition partition : target) {
            consumer.position(partition, Duration.ofSeconds(10));
        }
        followed.positioned(target);
    }

    private Set<TopicPartition> updatePartitionsOf(Set<TopicPartition> partitions) {
        Set<TopicPartition> updates = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(topics.updates())) {
                updates.add(partition);
            }
        }
        return updates;
    }

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        long now = System.nanoTime();
        for (TopicPartition partition : records.partitions()) {
            boolean foreign = false;
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                foreign |= dispatch(record);
            }
            if (partition.topic().equals(topics.updates())) {
                quiet.returned(partition, foreign, now);
            }
        }
    }

    @Override
    protected Duration nextPollTimeout() {
        long nanos = quiet.nanosToNextRead(System.nanoTime());
        if (nanos >= POLL_TIMEOUT.toNanos()) {
            return POLL_TIMEOUT;
        }
        return nanos <= SHORTEST_POLL.toNanos() ? SHORTEST_POLL : Duration.ofNanos(nanos);
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        Set<TopicPartition> target = followed.target(System.nanoTime());
        if (target != null) {
            applying = target;
        }
        if (applying != null) {
            reassign(consumer, applying);
            applying = null;
        }
        pauseQuietPartitions(consumer);
        expire();
    }

    /** Pauses the quiet partitions just read, resumes those due to be read again (no broker call). */
    private void pauseQuietPartitions(KafkaConsumer<String, byte[]> consumer) {
        long now = System.nanoTime();
        Set<TopicPartition> next = quiet.paused(now);
        if (!next.equals(paused)) {
            Set<TopicPartition> resumed = new HashSet<>(paused);
            resumed.removeAll(next);
            resumed.retainAll(consumer.assignment());
            consumer.resume(resumed);
            consumer.pause(next);
            paused = next;
        }
        quietPartitions = quiet.quietCount(now);
    }

    /**
     * The consumer had to start over (at the end of the log): records in between were not
     * delivered, so every connection is sent away to resync ({@code 1013}, its provider reconnects).
     */
    @Override
    protected void onFailure(Exception failure, boolean wasReady) {
        held.letGoAll();
        if (!wasReady) {
            return;
        }
        for (Session session : registry.all()) {
            session.close(CloseCodes.TRY_AGAIN_LATER, "live delivery restarted");
        }
    }

    /**
     * Delivers one record.
     *
     * @return whether it is an update that another writer (not a connection of this gateway) wrote
     *     into a document this gateway has connections to
     */
    private boolean dispatch(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.syncReplies())) {
                handleReply(record);
                return false;
            }
            if (record.key() == null || record.value() == null || !registry.hasDocument(record.key())) {
                return false;
            }
            RecordKind kind = RecordKind.of(record.headers()).orElse(null);
            if (record.topic().equals(topics.updates())) {
                if (kind == RecordKind.UPDATE) {
                    String origin = DocumentRecords.origin(record).orElse("");
                    fanout.consumed(record.key(), origin, record.value());
                    return !fanout.fromThisGateway(origin);
                }
                // another gateway's sync request needs nothing from this one: its connections
                // may only read, and their first update is noticed at the partition's next read
                return false;
            }
            if (record.topic().equals(topics.awareness()) && kind == RecordKind.AWARENESS) {
                deliverAwareness(record);
            }
            return false;
        } catch (RuntimeException e) {
            metrics.error("consume");
            LOG.warnf("skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return true;
        }
    }

    private void deliverAwareness(ConsumerRecord<String, byte[]> record) {
        awareness.apply(record.key(), record.value());
        OutboundFrame frame = OutboundFrame.of(MessageCodec.encode(new AwarenessMessage(record.value())));
        try {
            for (Session session : registry.sessionsOf(record.key())) {
                session.send(frame);
            }
        } finally {
            frame.release();
        }
    }

    private void handleReply(ConsumerRecord<String, byte[]> record) {
        SyncReplyAssembler.Outcome outcome = assembler.accept(record);
        if (outcome instanceof SyncReplyAssembler.Complete complete) {
            pendingSyncs.answered(complete.reply().correlationId()).ifPresent(answered -> {
                if (answered.wholeDocument()) {
                    held.base(complete.reply().docId(), complete.reply().update());
                }
                replies.deliver(answered.session(), complete.reply());
            });
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
            LOG.warnf("no sync answer for a connection to %s in time; closing it with 1013", session.docId());
            session.close(CloseCodes.TRY_AGAIN_LATER, "sync timed out");
        }
    }
}
