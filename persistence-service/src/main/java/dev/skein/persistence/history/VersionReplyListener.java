package dev.skein.persistence.history;

import dev.skein.contract.MalformedRecordException;
import dev.skein.contract.RecordKind;
import dev.skein.contract.VersionReply;
import dev.skein.messaging.ConsumerLoop;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.KafkaClients;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Receives the replies to the version requests this instance made for its REST API: it assigns
 * itself the reply partition its instance id maps to, from the end (earlier replies are not for
 * requests still waiting), and completes the waiting request by correlation id.
 */
@Singleton
public class VersionReplyListener extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(VersionReplyListener.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final Map<String, CompletableFuture<VersionReply>> awaited = new ConcurrentHashMap<>();

    VersionReplyListener(KafkaClients clients, TopicsConfig topics, TopicLayout layout, InstanceId instanceId) {
        super("skein-persistence-version-replies", Duration.ofMillis(200), Duration.ofSeconds(1));
        this.clients = clients;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
    }

    /** The instance id replies are addressed to. */
    public String replyTo() {
        return instanceId.value();
    }

    /** Registers a request before it is sent; the future completes with its reply. */
    public CompletableFuture<VersionReply> expect(String correlationId) {
        CompletableFuture<VersionReply> future = new CompletableFuture<>();
        awaited.put(correlationId, future);
        future.whenComplete((reply, failure) -> awaited.remove(correlationId));
        return future;
    }

    @Override
    protected void beforeConnect() throws Exception {
        layout.load();
    }

    @Override
    protected KafkaConsumer<String, byte[]> createConsumer() {
        return clients.assigningConsumer("version-replies");
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
            if (RecordKind.of(record.headers()).orElse(null) != RecordKind.VERSION_REPLY
                    || !instanceId.value().equals(record.key())) {
                // sync replies and other instances' replies share the partition
                continue;
            }
            try {
                VersionReply reply = VersionReply.fromRecord(record);
                CompletableFuture<VersionReply> future = awaited.get(reply.correlationId());
                if (future != null) {
                    future.complete(reply);
                }
            } catch (MalformedRecordException e) {
                LOG.warnf("malformed version reply at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            }
        }
    }
}
