package dev.skein.presence.kafka;

import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Partitions;
import dev.skein.messaging.TopicsConfig;
import dev.skein.presence.store.PresenceEntry;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Broadcasts removals of clients onto the awareness topic, so every gateway delivers them to its
 * connections of the document. Each removal carries the client's last stored clock: peers accept
 * a {@code null} state at the clock they hold.
 */
@ApplicationScoped
public class RemovalPublisher {

    private static final Logger LOG = Logger.getLogger(RemovalPublisher.class);

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;

    RemovalPublisher(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout,
            InstanceId instanceId) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
    }

    /** Publishes the removal of {@code gone}, all clients of {@code docId}, as one awareness update. */
    public void publish(String docId, List<PresenceEntry> gone) {
        if (gone.isEmpty()) {
            return;
        }
        byte[] update = AwarenessUpdate.encode(gone.stream()
            .map(entry -> AwarenessUpdate.Entry.removal(entry.clientId(), entry.clock()))
            .toList());
        int partition = layout.awarenessPartitionOf(docId);
        producer.send(DocumentRecords.awareness(topics.awareness(), partition, docId, update, instanceId.origin("presence")),
            (metadata, failure) -> {
                if (failure != null) {
                    LOG.warnf("removal of %d clients of %s not published: %s", gone.size(), docId, failure.getMessage());
                }
            });
    }
}
