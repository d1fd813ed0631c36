package dev.skein.gateway.kafka;

import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import dev.skein.contract.AwarenessRecords;
import dev.skein.contract.DocumentRecords;
import dev.skein.contract.SyncRequest;
import dev.skein.messaging.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Produces the gateway's three kinds of records; each future fails when Kafka did not take the record. */
@ApplicationScoped
public class RecordPublisher {

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;

    RecordPublisher(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, InstanceId instanceId) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
    }

    /**
     * Produces a validated Yjs update of a document, tagged with the connection's principal (version
     * history names who changed what by it).
     */
    public CompletableFuture<Void> update(String docId, byte[] update, String origin, String principal) {
        return send(DocumentRecords.update(topics.updates(), layout.updatePartitionOf(docId), docId, update, origin,
            principal));
    }

    /**
     * Produces a validated awareness update of a document, tagged with this gateway and the
     * connection's principal (presence-service keeps both with the states).
     */
    public CompletableFuture<Void> awareness(String docId, byte[] awarenessUpdate, String origin, String principal) {
        return send(AwarenessRecords.awareness(topics.awareness(), layout.awarenessPartitionOf(docId), docId,
            awarenessUpdate, origin, instanceId.value(), principal));
    }

    /** Produces a sync request into the document's partition of the update topic. */
    public CompletableFuture<Void> syncRequest(SyncRequest request) {
        return send(request.toRecord(topics.updates(), layout.updatePartitionOf(request.docId())));
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
