package dev.skein.auth.events;

import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.TopicBootstrap;
import dev.skein.contract.TopicSpec;
import dev.skein.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Announces committed ACL changes on the ACL-change topic (idempotent producer, {@code acks=all})
 * so that every gateway downgrades or closes live connections at once. The topic is created at
 * start when missing.
 */
@ApplicationScoped
public class AclEventPublisher {

    private static final Logger LOG = Logger.getLogger(AclEventPublisher.class);
    private static final int MAX_RECORD_BYTES = 64 * 1024;

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private final Producer<String, byte[]> producer;

    AclEventPublisher(
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = Topics.ACL_CHANGES_KEY, defaultValue = Topics.ACL_CHANGES_DEFAULT) String topic,
            @ConfigProperty(name = TopicBootstrap.PARTITIONS_KEY, defaultValue = "" + TopicBootstrap.PARTITIONS_DEFAULT)
            int partitions,
            @ConfigProperty(name = TopicBootstrap.REPLICATION_FACTOR_KEY,
                    defaultValue = "" + TopicBootstrap.REPLICATION_FACTOR_DEFAULT) short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.producer = new KafkaProducer<>(KafkaClientSettings.producer(bootstrapServers, "auth-service", MAX_RECORD_BYTES));
    }

    void createTopic(@Observes StartupEvent start) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicBootstrap.ensure(admin, List.of(new TopicSpec(topic, partitions, replicationFactor, Map.of())),
                    Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // The gateway creates the same topic; a broker that is down now is retried by the producer.
            LOG.warnf("could not ensure topic %s: %s", topic, e.getMessage());
        }
    }

    /** Publishes the changes; completes when the broker has them all. */
    public Uni<Void> publish(List<AclChange> changes) {
        CompletableFuture<?>[] sent = changes.stream().map(this::send).toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(sent));
    }

    private CompletableFuture<Void> send(AclChange change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(AclChanges.record(topic, change), (metadata, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
