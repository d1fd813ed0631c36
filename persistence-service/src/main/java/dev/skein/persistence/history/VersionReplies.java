package dev.skein.persistence.history;

import dev.skein.contract.VersionReply;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Answers version requests on the sync-reply topic, in the requester's partition. Not waited for: a
 * lost answer makes the requester time out; the version is stored either way.
 */
@ApplicationScoped
public class VersionReplies {

    private static final Logger LOG = Logger.getLogger(VersionReplies.class);

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;

    VersionReplies(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
    }

    /** Sends the reply. */
    public void send(VersionReply reply) {
        producer.send(reply.toRecord(topics.syncReplies(), layout.replyPartitionOf(reply.replyTo())), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("reply to version request %s of %s not sent: %s", reply.correlationId(), reply.docId(),
                    error.toString());
            }
        });
    }
}
