package dev.skein.persistence.history;

import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.persistence.config.HistoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/**
 * Asks for a version the way every service does: a {@code version-request} record in the
 * document's partition of the update topic, after every update acknowledged before it, answered
 * by whichever persistence-service instance owns the partition. Waits for the reply up to
 * {@code skein.history.request-timeout}.
 */
@ApplicationScoped
public class VersionRequester {

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final VersionReplyListener replies;
    private final HistoryConfig config;

    VersionRequester(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout,
            VersionReplyListener replies, HistoryConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.replies = replies;
        this.config = config;
    }

    /**
     * Requests a version of {@code docId} labelled {@code label}, asked for by {@code principal}.
     *
     * @throws IllegalArgumentException if the label is too long
     * @throws IllegalStateException if the reply listener is not ready yet
     * @throws TimeoutException if no reply came in time (the version may still be recorded)
     */
    public VersionReply request(String docId, String label, Optional<String> principal)
            throws TimeoutException, ExecutionException, InterruptedException {
        if (!replies.isReady()) {
            // a reply sent before the listener found its position would be missed
            throw new IllegalStateException("not listening for replies yet");
        }
        VersionRequest request = new VersionRequest(docId, UUID.randomUUID().toString(), replies.replyTo(), label,
            principal);
        CompletableFuture<VersionReply> reply = replies.expect(request.correlationId());
        try {
            producer.send(request.toRecord(topics.updates(), layout.updatePartitionOf(docId))).get(
                config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return reply.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            reply.cancel(false);
        }
    }
}
