package dev.skein.messaging;

import dev.skein.contract.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Skein's topics at service start-up through the Admin API (brokers in tests and in
 * production run with topic auto-creation off). Existing topics are left as they are.
 *
 * <p>Configuration keys (each service maps them with these defaults):
 * {@value #ENABLED_KEY} ({@code true}), {@value #PARTITIONS_KEY} ({@value #PARTITIONS_DEFAULT}),
 * {@value #REPLICATION_FACTOR_KEY} ({@value #REPLICATION_FACTOR_DEFAULT}).
 */
public final class TopicBootstrap {

    /** Configuration key: whether a service creates missing topics at start-up. */
    public static final String ENABLED_KEY = "skein.topics.create";
    /** Configuration key: partitions of each created topic. */
    public static final String PARTITIONS_KEY = "skein.topics.partitions";
    /** Default partitions of each created topic. */
    public static final int PARTITIONS_DEFAULT = 8;
    /** Configuration key: replication factor of each created topic. */
    public static final String REPLICATION_FACTOR_KEY = "skein.topics.replication-factor";
    /** Default replication factor of each created topic. */
    public static final short REPLICATION_FACTOR_DEFAULT = 1;
    /** Retention of the sync-reply topic: replies are read within seconds. */
    public static final String SYNC_REPLY_RETENTION_MS = "600000";
    /** Retention of the awareness topic: awareness states expire after 30 s anyway. */
    public static final String AWARENESS_RETENTION_MS = "600000";

    private TopicBootstrap() {
    }

    /**
     * The five Skein topics with their topic-level settings: the update and change topics accept
     * records up to {@code maxRecordBytes} (plus framing), the reply and awareness topics keep
     * records briefly.
     */
    public static List<TopicSpec> standardTopics(Topics topics, int partitions, short replicationFactor,
            int maxRecordBytes) {
        String maxMessageBytes = Integer.toString(maxRecordBytes + 64 * 1024);
        return List.of(
            new TopicSpec(topics.updates(), partitions, replicationFactor,
                Map.of("max.message.bytes", maxMessageBytes)),
            new TopicSpec(topics.syncReplies(), partitions, replicationFactor,
                Map.of("retention.ms", SYNC_REPLY_RETENTION_MS)),
            new TopicSpec(topics.awareness(), partitions, replicationFactor,
                Map.of("retention.ms", AWARENESS_RETENTION_MS, "max.message.bytes", maxMessageBytes)),
            new TopicSpec(topics.aclChanges(), partitions, replicationFactor, Map.of()),
            new TopicSpec(topics.changes(), partitions, replicationFactor, Map.of("max.message.bytes", maxMessageBytes)));
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @return names of the topics this call created
     * @throws IllegalStateException if the broker does not answer within {@code timeout} or refuses
     */
    public static List<String> ensure(Admin admin, Collection<TopicSpec> specs, Duration timeout) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : specs) {
            topics.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()));
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("broker did not answer creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topics", e);
            }
        }
        return created;
    }
}
