package dev.skein.messaging;

import dev.skein.contract.Partitions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.jboss.logging.Logger;

/**
 * Creates the topics if configured ({@code skein.topics.create}) and learns their partition
 * counts once, so that producing never waits for metadata on a client's thread and every service
 * maps a document to the same partition ({@link Partitions}).
 */
@ApplicationScoped
public class TopicLayout {

    private static final Logger LOG = Logger.getLogger(TopicLayout.class);

    private final Admin admin;
    private final TopicsConfig topics;
    private volatile int updatePartitions;
    private volatile int awarenessPartitions;
    private volatile int replyPartitions;
    private volatile int aclPartitions;
    private volatile int changePartitions;

    TopicLayout(Admin admin, TopicsConfig topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Creates missing topics and reads the partition counts.
     *
     * @throws Exception if the broker cannot be reached; callers retry
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
            List.of(topics.updates(), topics.awareness(), topics.syncReplies(), topics.aclChanges(), topics.changes()))
            .allTopicNames().get(10, TimeUnit.SECONDS);
        updatePartitions = described.get(topics.updates()).partitions().size();
        awarenessPartitions = described.get(topics.awareness()).partitions().size();
        replyPartitions = described.get(topics.syncReplies()).partitions().size();
        aclPartitions = described.get(topics.aclChanges()).partitions().size();
        changePartitions = described.get(topics.changes()).partitions().size();
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

    /** Partitions of the ACL change topic. */
    public int aclPartitions() {
        return aclPartitions;
    }

    /** Partitions of the document-change topic. */
    public int changePartitions() {
        return changePartitions;
    }

    /** The change-topic partition of a document. */
    public int changePartitionOf(String docId) {
        return Partitions.forDocument(docId, changePartitions);
    }

    /** The update-topic partition of a document. */
    public int updatePartitionOf(String docId) {
        return Partitions.forDocument(docId, updatePartitions);
    }

    /** The awareness-topic partition of a document. */
    public int awarenessPartitionOf(String docId) {
        return Partitions.forDocument(docId, awarenessPartitions);
    }

    /** The sync-reply partition an instance reads its replies from. */
    public int replyPartitionOf(String instanceId) {
        return Partitions.forReplyTarget(instanceId, replyPartitions);
    }
}
