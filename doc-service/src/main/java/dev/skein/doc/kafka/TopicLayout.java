package dev.skein.doc.kafka;

import dev.skein.contract.Partitions;
import dev.skein.contract.TopicBootstrap;
import dev.skein.doc.config.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.jboss.logging.Logger;

/**
 * Creates the topics if configured and learns their partition counts once, so producing never
 * waits for metadata on a client's thread.
 */
@ApplicationScoped
public class TopicLayout {

    private static final Logger LOG = Logger.getLogger(TopicLayout.class);

    private final Admin admin;
    private final TopicsConfig topics;
    private volatile int updatePartitions;
    private volatile int awarenessPartitions;
    private volatile int replyPartitions;

    TopicLayout(Admin admin, TopicsConfig topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Creates missing topics (when {@code skein.topics.create}) and reads the partition counts.
     *
     * @throws RuntimeException if the broker cannot be reached; the caller retries
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
        Map<String, TopicDescription> described = admin.describeTopics(
            List.of(topics.updates(), topics.awareness(), topics.syncReplies())).allTopicNames().get(10, TimeUnit.SECONDS);
        updatePartitions = described.get(topics.updates()).partitions().size();
        awarenessPartitions = described.get(topics.awareness()).partitions().size();
        replyPartitions = described.get(topics.syncReplies()).partitions().size();
    }

    /** Whether {@link #load()} succeeded. */
    public boolean loaded() {
        return updatePartitions > 0;
    }

    /** Partitions of the update topic. */
    public int updatePartitions() {
        return updatePartitions;
    }

    /** Partitions of the awareness topic. */
    public int awarenessPartitions() {
        return awarenessPartitions;
    }

    /** Partitions of the sync-reply topic. */
    public int replyPartitions() {
        return replyPartitions;
    }

    /** The update-topic partition of a document. */
    public int updatePartitionOf(String docId) {
        return Partitions.forDocument(docId, updatePartitions);
    }

    /** The awareness-topic partition of a document. */
    public int awarenessPartitionOf(String docId) {
        return Partitions.forDocument(docId, awarenessPartitions);
    }
}
