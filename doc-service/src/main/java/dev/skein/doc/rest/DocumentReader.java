package dev.skein.doc.rest;

import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncRequest;
import dev.skein.doc.config.DocConfig;
import dev.skein.messaging.TopicsConfig;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/**
 * Reads a document for the REST API the way a gateway does: an in-band sync request with an
 * empty state vector into the document's partition, answered by whichever instance owns it
 * (possibly this one). Chosen over reading the partition here because the answer then holds
 * every update produced before the request (read-your-writes for a client that just POSTed), it
 * costs one merged state instead of a partition scan, and it works the same on every instance
 * during and after rebalances.
 */
@ApplicationScoped
public class DocumentReader {

    private static final byte[] EMPTY_STATE_VECTOR = {0};

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final ReplyListener replies;
    private final Duration timeout;

    DocumentReader(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, InstanceId instanceId,
            ReplyListener replies, DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.replies = replies;
        this.timeout = config.readTimeout();
    }

    /**
     * The document's full state and state vector.
     *
     * @throws TimeoutException if the owner does not answer in time (rebalance, broker down)
     */
    public SyncReply read(String docId) throws TimeoutException, ExecutionException, InterruptedException {
        if (!replies.isReady()) {
            throw new TimeoutException("reply listener not ready");
        }
        Map.Entry<String, CompletableFuture<SyncReply>> expected = replies.expect();
        SyncRequest request = new SyncRequest(docId, expected.getKey(), instanceId.value(), EMPTY_STATE_VECTOR);
        producer.send(request.toRecord(topics.updates(), layout.updatePartitionOf(docId)), (metadata, error) -> {
            if (error != null) {
                expected.getValue().completeExceptionally(error);
            }
        });
        try {
            return expected.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            expected.getValue().cancel(false);
        }
    }
}
