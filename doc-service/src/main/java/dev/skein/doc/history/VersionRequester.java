package dev.skein.doc.history;

import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.rest.ReplyListener;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/**
 * Asks persistence-service for a version: a {@code version-request} record in the document's
 * partition of the update topic (so it follows every update acknowledged before it), with this
 * instance's id as the reply target; whichever persistence-service instance owns the partition
 * records the version and answers on the sync-reply topic, which {@link ReplyListener} reads.
 * Waits up to {@code skein.doc.history.request-timeout}.
 */
@ApplicationScoped
public class VersionRequester {

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final ReplyListener replies;
    private final Duration timeout;

    VersionRequester(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, ReplyListener replies,
            DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.replies = replies;
        this.timeout = config.history().requestTimeout();
    }

    /**
     * Requests a version of {@code docId} labelled {@code label} (empty for none), asked for by
     * {@code principal}.
     *
     * @throws IllegalArgumentException if the label is longer than {@value VersionRequest#MAX_LABEL_LENGTH}
     * @throws IllegalStateException if the reply listener is not ready yet
     * @throws TimeoutException if no reply came in time (the version may still be recorded)
     * @throws ExecutionException if Kafka did not take the request
     */
    public VersionReply request(String docId, String label, Optional<String> principal)
            throws TimeoutException, ExecutionException, InterruptedException {
        if (!replies.isReady()) {
            // a reply sent before the listener found its position would be missed
            throw new IllegalStateException("not listening for replies yet");
        }
        Map.Entry<String, CompletableFuture<VersionReply>> expected = replies.expectVersion();
        CompletableFuture<VersionReply> reply = expected.getValue();
        try {
            VersionRequest request = new VersionRequest(docId, expected.getKey(), replies.replyTo(), label, principal);
            producer.send(request.toRecord(topics.updates(), layout.updatePartitionOf(docId)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            reply.cancel(false);
        }
    }
}
