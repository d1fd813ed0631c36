package dev.skein.presence.kafka;

import dev.skein.contract.KafkaClientSettings;
import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.config.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates presence-service's Kafka clients from {@code kafka.bootstrap.servers}. */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;

    KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Settings of the awareness consumer: a group (partitions, so documents, are shared among the
     * instances) that commits its position, and starts at the end on its very first start, since
     * awareness older than a state's lifetime is worthless.
     */
    public Map<String, Object> consumerSettings(InstanceId id, PresenceConfig config) {
        Map<String, Object> settings = KafkaClientSettings.groupConsumer(bootstrapServers, id.value() + "-awareness",
            config.consumerGroup(), 10_000);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return settings;
    }

    /**
     * Settings of the ACL change reader: no group, every partition assigned by the reader itself,
     * since every instance must hear of every change (its event streams may show any document).
     */
    public Map<String, Object> aclReaderSettings(InstanceId id) {
        return KafkaClientSettings.assigningConsumer(bootstrapServers, id.value() + "-acl");
    }

    @Produces
    @Singleton
    InstanceId instanceId(PresenceConfig config) {
        return new InstanceId(config.instanceId().orElseGet(() -> "presence-" + UUID.randomUUID()));
    }

    @Produces
    @Singleton
    Producer<String, byte[]> producer(InstanceId id, TopicsConfig topics) {
        return new KafkaProducer<>(KafkaClientSettings.producer(bootstrapServers, id.value(), topics.maxRecordBytes()));
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    Admin admin(InstanceId id) {
        return Admin.create(KafkaClientSettings.admin(bootstrapServers, id.value() + "-admin"));
    }

    void closeAdmin(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(5));
    }
}
