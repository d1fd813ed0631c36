package dev.skein.doc.edit;

import dev.skein.contract.EditReply;
import dev.skein.contract.EditRequest;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.rest.ReplyListener;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * Asks a document's owner to apply operations, the way reads ask for state: an in-band
 * {@code edit-request} into the document's partition with this instance as the reply target,
 * answered in log order by whichever instance owns the partition (possibly this one).
 */
@ApplicationScoped
public class EditClient {

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final ReplyListener replies;
    private final Duration timeout;

    EditClient(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            ReplyListener replies, DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.replies = replies;
        this.timeout = config.readTimeout();
    }

    /**
     * Sends operations (checked JSON) for the owner; the future completes with its reply, or
     * exceptionally when Kafka did not take the request or no reply came within
     * {@code skein.doc.read-timeout}.
     */
    public CompletableFuture<EditReply> send(String docId, String operations, Optional<String> principal) {
        if (!replies.isReady()) {
            return CompletableFuture.failedFuture(new IllegalStateException("reply listener not ready"));
        }
        Map.Entry<String, CompletableFuture<EditReply>> expected = replies.expectEdit();
        EditRequest request = new EditRequest(docId, expected.getKey(), instanceId.value(), principal,
            operations.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<EditReply> future = expected.getValue();
        try {
            producer.send(request.toRecord(topics.updates(), layout.updatePartitionOf(docId)), (metadata, error) -> {
                if (error != null) {
                    future.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
