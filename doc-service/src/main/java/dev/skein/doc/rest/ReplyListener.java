package dev.skein.doc.rest;

import dev.skein.contract.RetryPause;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncReplyAssembler;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.config.TopicsConfig;
import dev.skein.doc.kafka.InstanceId;
import dev.skein.doc.kafka.KafkaClients;
import dev.skein.doc.kafka.TopicLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Receives the sync replies to this instance's REST reads: it assigns itself the one reply
 * partition its instance id maps to, from the end, and joins chunked replies with bounded memory.
 */
@ApplicationScoped
public class ReplyListener {

    private static final Logger LOG = Logger.getLogger(ReplyListener.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final Map<String, CompletableFuture<SyncReply>> awaited = new ConcurrentHashMap<>();
    private final SyncReplyAssembler assembler;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    ReplyListener(KafkaClients clients, TopicsConfig topics, TopicLayout layout, InstanceId instanceId, DocConfig config) {
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.assembler = new SyncReplyAssembler(instanceId.value(), config.replyBufferBytes(),
            config.readTimeout(), awaited::containsKey, Clock.systemUTC());
    }

    /** Registers interest in a reply; returns its correlation id and the future completed by it. */
    public Map.Entry<String, CompletableFuture<SyncReply>> expect() {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<SyncReply> future = new CompletableFuture<>();
        awaited.put(correlationId, future);
        future.whenComplete((reply, failure) -> awaited.remove(correlationId));
        return Map.entry(correlationId, future);
    }

    /** Whether the listener is positioned and polling. */
    public boolean isReady() {
        return ready;
    }

    /** Starts the listening thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "skein-reply-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the listening thread. */
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

    private void run() {
        while (running) {
            try {
                layout.load();
                listen();
            } catch (WakeupException e) {
                break;
            } catch (Exception e) {
                ready = false;
                LOG.warnf("reply listener failed (%s); restarting", e.getMessage());
                if (!RetryPause.pause(java.time.Duration.ofSeconds(1))) {
                    running = false;
                }
            }
        }
        ready = false;
    }

    private void listen() {
        try (KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(
                KafkaClientSettings.assigningConsumer(clients.bootstrapServers(), instanceId.value() + "-replies"))) {
            consumer = created;
            TopicPartition partition = new TopicPartition(topics.syncReplies(),
                Partitions.forReplyTarget(instanceId.value(), layout.replyPartitions()));
            created.assign(List.of(partition));
            created.seekToEnd(List.of(partition));
            created.position(partition, Duration.ofSeconds(10));
            ready = true;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : created.poll(Duration.ofMillis(200))) {
                    SyncReplyAssembler.Outcome outcome = assembler.accept(record);
                    if (outcome instanceof SyncReplyAssembler.Complete complete) {
                        CompletableFuture<SyncReply> future = awaited.get(complete.reply().correlationId());
                        if (future != null) {
                            future.complete(complete.reply());
                        }
                    } else if (outcome instanceof SyncReplyAssembler.Rejected rejected) {
                        CompletableFuture<SyncReply> future = awaited.get(rejected.correlationId());
                        if (future != null) {
                            future.completeExceptionally(new IllegalStateException(rejected.reason()));
                        }
                    }
                }
                assembler.expire();
            }
        } finally {
            consumer = null;
        }
    }
}
