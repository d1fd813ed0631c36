package dev.skein.persistence.kafka;

import dev.skein.contract.KafkaClientSettings;
import dev.skein.contract.TopicBootstrap;
import dev.skein.persistence.config.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the missing Skein topics at start-up ({@code skein.topics.create}), as every service
 * does, so that the services can start in any order.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final TopicsConfig topics;

    TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            TopicsConfig topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = KafkaClientSettings.admin(bootstrapServers, "skein-persistence-topics");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return settings;
    }

    /** Creates what is missing; a broker that does not answer is logged, not fatal (the consumer retries). */
    public void ensure() {
        if (!topics.create()) {
            return;
        }
        try (Admin admin = Admin.create(settings())) {
            List<String> created = TopicBootstrap.ensure(admin, TopicBootstrap.standardTopics(topics.names(),
                topics.partitions(), topics.replicationFactor(), topics.maxRecordBytes()), Duration.ofSeconds(10));
            if (!created.isEmpty()) {
                LOG.infof("created topics %s", created);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not create topics: %s", e.getMessage());
        }
    }
}
