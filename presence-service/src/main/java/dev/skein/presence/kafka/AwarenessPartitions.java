package dev.skein.presence.kafka;

import dev.skein.contract.TopicBootstrap;
import dev.skein.presence.config.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * Creates the topics if configured and learns the awareness topic's partition count, which
 * removals need to land in their document's partition (where gateways and the gateway's own
 * records put them).
 */
@ApplicationScoped
public class AwarenessPartitions {

    private static final Logger LOG = Logger.getLogger(AwarenessPartitions.class);

    private final Admin admin;
    private final TopicsConfig topics;
    private volatile int count;

    AwarenessPartitions(Admin admin, TopicsConfig topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Creates missing topics (when {@code skein.topics.create}) and reads the partition count.
     *
     * @throws Exception if the broker cannot be reached; the caller retries
     */
    public void load() throws Exception {
        if (topics.create()) {
            List<String> created = TopicBootstrap.ensure(admin, TopicBootstrap.standardTopics(
                topics.names(), topics.partitions(), topics.replicationFactor(), topics.maxRecordBytes()),
                Duration.ofSeconds(10));
            if (!created.isEmpty()) {
                LOG.infof("created topics %s", created);
            }
        }
        count = admin.describeTopics(List.of(topics.awareness())).allTopicNames().get(10, TimeUnit.SECONDS)
            .get(topics.awareness()).partitions().size();
    }

    /** Partitions of the awareness topic; 0 before {@link #load()} succeeded. */
    public int count() {
        return count;
    }
}
