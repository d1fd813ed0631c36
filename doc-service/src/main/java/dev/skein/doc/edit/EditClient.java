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
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * Asks a document's owner to apply operations, the way reads ask for state: an in-band
 * {@code edit-request} into the document's partition with this instance as the reply target,
 * answered in log order by whichever instance owns the partition (possibly this one). A request
 * without an answer after {@code skein.doc.edit-retry} is sent again with the same correlation id
 * (the owner applies it once): a request produced while its partition changes owner is met by no
 * one (the new owner leaves what came before its assignment to the previous one) and would be lost.
 */
@ApplicationScoped
public class EditClient {

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final ReplyListener replies;
    private final Duration timeout;
    private final Duration retry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "skein-edit-retry");
        t.setDaemon(true);
        return t;
    });

    EditClient(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            ReplyListener replies, DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.replies = replies;
        this.timeout = config.readTimeout();
        this.retry = config.editRetry();
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }

    /**
     * Sends operations (checked JSON) for the owner; the future completes with its reply, or
     * exceptionally when Kafka did not take the request or no reply came within
     * {@code skein.doc.read-timeout}.
     */
    public CompletableFuture<EditReply> send(String docId, String operations, Optional<String> principal) {
        return send(docId, operations, principal, true);
    }

    /**
     * Like {@link #send(String, String, Optional)}; {@code wake} says whether the request wakes the
     * owner's held fetch (see {@link dev.skein.contract.OwnerWake}): a stream's chunks do not, so
     * that each does not cost the log the padding; they reach the owner within
     * {@code skein.doc.fetch-max-wait}.
     */
    public CompletableFuture<EditReply> send(String docId, String operations, Optional<String> principal,
            boolean wake) {
        if (!replies.isReady()) {
            return CompletableFuture.failedFuture(new IllegalStateException("reply listener not ready"));
        }
        Map.Entry<String, CompletableFuture<EditReply>> expected = replies.expectEdit();
        EditRequest request = new EditRequest(docId, expected.getKey(), instanceId.value(), principal,
            operations.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<EditReply> future = expected.getValue();
        produce(request, wake, future);
        // unanswered (its partition changing owner, a reply lost): the same request again, which
        // the owner applies at most once
        ScheduledFuture<?> again = timer.scheduleAtFixedRate(() -> {
            if (!future.isDone()) {
                produce(request, wake, future);
            }
        }, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((reply, failure) -> again.cancel(false));
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void produce(EditRequest request, boolean wake, CompletableFuture<EditReply> future) {
        try {
            producer.send(request.toRecord(topics.updates(), layout.updatePartitionOf(request.docId()), wake), (metadata, error) -> {
                if (error != null) {
                    future.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }
}
