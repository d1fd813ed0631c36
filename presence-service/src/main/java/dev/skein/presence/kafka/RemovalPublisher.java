package dev.skein.presence.kafka;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Partitions;
import dev.skein.presence.config.TopicsConfig;
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
    private final AwarenessPartitions partitions;
    private final InstanceId instanceId;

    RemovalPublisher(Producer<String, byte[]> producer, TopicsConfig topics, AwarenessPartitions partitions,
            InstanceId instanceId) {
        this.producer = producer;
        this.topics = topics;
        this.partitions = partitions;
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
        int partition = Partitions.forDocument(docId, partitions.count());
        producer.send(DocumentRecords.awareness(topics.awareness(), partition, docId, update, instanceId.origin()),
            (metadata, failure) -> {
                if (failure != null) {
                    LOG.warnf("removal of %d clients of %s not published: %s", gone.size(), docId, failure.getMessage());
                }
            });
    }
}
