package dev.skein.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings shared by every Skein producer and consumer, so the update path is tuned in
 * one place.
 *
 * <p>Producers are idempotent with {@code acks=all}, and linger at most 1 ms: Kafka 4 clients
 * default to {@code linger.ms=5}, which costs ~5 ms on every keystroke's round trip. Not 0: with
 * the gateways at {@code linger.ms=0} the broker took 3.4 s of CPU per 100,000 deliveries in the
 * bench's throughput scenario against 2.5-2.7 at 1 ms (two local runs each, 2026-12-07), for no
 * gain the gateway's own CPU or the cross-gateway fanout showed beyond their spread. Failures
 * surface within seconds rather than the client default of two minutes, so a gateway can tell
 * its clients to come back later instead of holding their edits. Every client also carries the
 * operator's own cluster settings (TLS, SASL): {@link KafkaConnection}.
 */
public final class KafkaClientSettings {

    /** Configuration key of the largest record a producer sends (bytes). */
    public static final String MAX_RECORD_BYTES_KEY = "skein.topics.max-record-bytes";
    /** Default largest record a producer sends: 8 MiB (the update topic is created to accept it). */
    public static final int MAX_RECORD_BYTES_DEFAULT = 8 * 1024 * 1024;

    private KafkaClientSettings() {
    }

    /**
     * Settings of a producer on the update path.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId client id (shows in broker logs and metrics)
     * @param maxRecordBytes largest record this producer may send
     */
    public static Map<String, Object> producer(String bootstrapServers, String clientId, int maxRecordBytes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes + 64 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(KafkaConnection.settings());
        return config;
    }

    /**
     * Settings of a producer off the latency path (change events): those of {@link #producer}, but
     * waiting {@code linger} for more records to share a request.
     */
    public static Map<String, Object> lingeringProducer(String bootstrapServers, String clientId, int maxRecordBytes,
            Duration linger) {
        Map<String, Object> config = producer(bootstrapServers, clientId, maxRecordBytes);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        return config;
    }

    /**
     * Settings of an admin client: short timeouts, so that health checks and start-up answer
     * within seconds when the broker is away.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId client id
     */
    public static Map<String, Object> admin(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.putAll(KafkaConnection.settings());
        return config;
    }

    /**
     * Settings of a consumer without a group (it assigns partitions itself and commits nothing).
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId client id
     */
    public static Map<String, Object> assigningConsumer(String bootstrapServers, String clientId) {
        Map<String, Object> config = baseConsumer(bootstrapServers, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return config;
    }

    /**
     * Settings of a consumer in a group that uses the group only for partition ownership and
     * commits no offsets (it rebuilds its state when a partition is assigned).
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param clientId client id
     * @param groupId consumer group
     * @param sessionTimeoutMs how long a dead member keeps its partitions
     */
    public static Map<String, Object> groupConsumer(
            String bootstrapServers, String clientId, String groupId, int sessionTimeoutMs) {
        Map<String, Object> config = baseConsumer(bootstrapServers, clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, sessionTimeoutMs / 5));
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        return config;
    }

    private static Map<String, Object> baseConsumer(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.putAll(KafkaConnection.settings());
        return config;
    }
}
