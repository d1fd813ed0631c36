package dev.skein.messaging;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds every Kafka client of a service from {@code kafka.bootstrap.servers}, with the settings
 * of {@link KafkaClientSettings} and the operator's cluster settings ({@link KafkaConnection}):
 * the service's producer and admin client (beans, created when first injected, closed at shutdown)
 * and its consumers (created by each consumer loop, which closes them).
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final InstanceId instanceId;

    KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            InstanceId instanceId) {
        this.bootstrapServers = bootstrapServers;
        this.instanceId = instanceId;
    }

    /** The configured bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A consumer in no group (it assigns partitions itself); its client id is {@code <instance>-<role>}. */
    public KafkaConsumer<String, byte[]> assigningConsumer(String role) {
        return new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(bootstrapServers, clientId(role)));
    }

    /** A consumer in {@code group}; a member that is silent for {@code sessionTimeout} loses its partitions. */
    public KafkaConsumer<String, byte[]> groupConsumer(String role, String group, Duration sessionTimeout) {
        return groupConsumer(role, group, sessionTimeout, Map.of());
    }

    /** A group consumer with some settings of its own ({@code overrides}, e.g. fetching in batches). */
    public KafkaConsumer<String, byte[]> groupConsumer(String role, String group, Duration sessionTimeout,
            Map<String, Object> overrides) {
        Map<String, Object> settings = KafkaClientSettings.groupConsumer(bootstrapServers, clientId(role), group,
            (int) sessionTimeout.toMillis());
        settings.putAll(overrides);
        return new KafkaConsumer<>(settings);
    }

    private String clientId(String role) {
        return instanceId.value() + "-" + role;
    }

    @Produces
    @Singleton
    Producer<String, byte[]> producer(TopicsConfig topics) {
        return new KafkaProducer<>(KafkaClientSettings.producer(bootstrapServers, instanceId.value(), topics.maxRecordBytes()));
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * The producer settings of {@link #producer} for SmallRye Reactive Messaging channels: a
     * channel with {@code kafka-configuration=skein-producer} gets the same tuning and the
     * operator's cluster settings as every other client.
     */
    @Produces
    @Unremovable // looked up by the connector by name, never injected
    @Identifier("skein-producer")
    Map<String, Object> channelProducerSettings(TopicsConfig topics) {
        return KafkaClientSettings.producer(bootstrapServers, clientId("channel"), topics.maxRecordBytes());
    }

    @Produces
    @Singleton
    Admin admin() {
        return Admin.create(KafkaClientSettings.admin(bootstrapServers, clientId("admin")));
    }

    void closeAdmin(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(5));
    }
}
