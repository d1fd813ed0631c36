package dev.skein.doc.kafka;

import dev.skein.contract.KafkaClientSettings;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.config.TopicsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the doc-service's Kafka producer and admin client from {@code kafka.bootstrap.servers}. */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;

    KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The configured bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(DocConfig config) {
        return new InstanceId(config.instanceId().orElseGet(() -> "doc-" + UUID.randomUUID()));
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
