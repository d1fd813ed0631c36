package dev.skein.doc.rest;

import dev.skein.contract.EditReply;
import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.RecordHeaders;
import dev.skein.contract.RecordKind;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncReplyAssembler;
import dev.skein.contract.VersionReply;
import dev.skein.doc.config.DocConfig;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Receives the sync replies to this instance's REST reads, the edit replies to its edits and
 * persistence-service's version replies to its version requests: it assigns itself the one reply
 * partition its instance id maps to, from the end, and joins chunked replies with bounded memory.
 */
@Singleton
public class ReplyListener extends ConsumerLoop {

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final Map<String, CompletableFuture<SyncReply>> awaited = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<EditReply>> awaitedEdits = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<VersionReply>> awaitedVersions = new ConcurrentHashMap<>();
    private final SyncReplyAssembler assembler;

    ReplyListener(KafkaClients clients, TopicsConfig topics, TopicLayout layout, InstanceId instanceId, DocConfig config) {
        super("skein-reply-listener", Duration.ofMillis(200), Duration.ofSeconds(1));
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

    /** Registers interest in an edit reply; returns its correlation id and the future completed by it. */
    public Map.Entry<String, CompletableFuture<EditReply>> expectEdit() {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<EditReply> future = new CompletableFuture<>();
        awaitedEdits.put(correlationId, future);
        future.whenComplete((reply, failure) -> awaitedEdits.remove(correlationId));
        return Map.entry(correlationId, future);
    }

    /** Registers interest in a version reply; returns its correlation id and the future completed by it. */
    public Map.Entry<String, CompletableFuture<VersionReply>> expectVersion() {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<VersionReply> future = new CompletableFuture<>();
        awaitedVersions.put(correlationId, future);
        future.whenComplete((reply, failure) -> awaitedVersions.remove(correlationId));
        return Map.entry(correlationId, future);
    }

    /** The instance id replies are addressed to. */
    public String replyTo() {
        return instanceId.value();
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        return clients.assigningConsumer("replies");
    }

    @Override
    protected void setUp(KafkaConsumer<String, byte[]> consumer) {
        TopicPartition partition = new TopicPartition(topics.syncReplies(), layout.replyPartitionOf(instanceId.value()));
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition, Duration.ofSeconds(10));
    }

    @Override
    protected void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            RecordKind kind = RecordKind.of(record.headers()).orElse(null);
            if (kind == RecordKind.EDIT_REPLY) {
                editReply(record);
                continue;
            }
            if (kind == RecordKind.VERSION_REPLY) {
                versionReply(record);
                continue;
            }
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
    }

    private void editReply(ConsumerRecord<String, byte[]> record) {
        String correlationId = RecordHeaders.get(record.headers(), RecordHeaders.CORRELATION_ID).orElse(null);
        CompletableFuture<EditReply> future = correlationId == null ? null : awaitedEdits.get(correlationId);
        if (future == null) {
            return;
        }
        try {
            future.complete(EditReply.fromRecord(record));
        } catch (MalformedRecordException e) {
            future.completeExceptionally(e);
        }
    }

    private void versionReply(ConsumerRecord<String, byte[]> record) {
        if (!instanceId.value().equals(record.key())) {
            // another instance's reply in the same partition
            return;
        }
        try {
            VersionReply reply = VersionReply.fromRecord(record);
            CompletableFuture<VersionReply> future = awaitedVersions.get(reply.correlationId());
            if (future != null) {
                future.complete(reply);
            }
        } catch (MalformedRecordException e) {
            // no correlation id to fail: the request times out
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        assembler.expire();
    }
}
