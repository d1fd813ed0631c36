package dev.skein.doc;

import dev.skein.testkit.kafka.KafkaTestResource;
import static org.awaitility.Awaitility.await;

import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Partitions;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncReplyAssembler;
import dev.skein.contract.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/** Plays a gateway in doc-service tests: produces records and collects the replies for one instance id. */
public final class KafkaSupport implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> replies;
    private final String instanceId;
    private int partsSeen;
    private int largestPart;

    public KafkaSupport(String instanceId) {
        this.instanceId = instanceId;
        String servers = KafkaTestResource.broker().bootstrapServers();
        producer = new KafkaProducer<>(KafkaClientSettings.producer(servers, "test-" + instanceId, 8 << 20));
        replies = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(servers, "test-replies-" + instanceId));
        int partitions = replies.partitionsFor(Topics.SYNC_REPLIES_DEFAULT, Duration.ofSeconds(10)).size();
        TopicPartition partition = new TopicPartition(Topics.SYNC_REPLIES_DEFAULT, Partitions.forReplyTarget(instanceId, partitions));
        replies.assign(List.of(partition));
        replies.seekToEnd(List.of(partition));
        replies.position(partition, Duration.ofSeconds(10));
    }

    /** The instance id replies are collected for. */
    public String instanceId() {
        return instanceId;
    }

    /** The producer (records go wherever the test says). */
    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** Partitions of the update topic. */
    public int updatePartitions() {
        return producer.partitionsFor(Topics.UPDATES_DEFAULT).size();
    }

    /** Waits for the reply with this correlation id. */
    public SyncReply awaitReply(String correlationId) {
        SyncReplyAssembler assembler = new SyncReplyAssembler(instanceId, 64L << 20, Duration.ofMinutes(1),
            correlationId::equals, Clock.systemUTC());
        AtomicReference<SyncReply> reply = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(100))) {
                partsSeen++;
                largestPart = Math.max(largestPart, record.value().length);
                if (assembler.accept(record) instanceof SyncReplyAssembler.Complete complete) {
                    reply.set(complete.reply());
                }
            }
            return reply.get() != null;
        });
        return reply.get();
    }

    /** Reply parts consumed so far. */
    public int partsSeen() {
        return partsSeen;
    }

    /** Largest reply part consumed so far. */
    public int largestPart() {
        return largestPart;
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
