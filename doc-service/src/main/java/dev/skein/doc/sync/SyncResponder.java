package dev.skein.doc.sync;

import dev.skein.contract.Partitions;
import dev.skein.contract.SyncReplies;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncRequest;
import dev.skein.doc.config.DocConfig;
import dev.skein.messaging.TopicsConfig;
import dev.skein.messaging.TopicLayout;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.ycrdt.update.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Answers a sync request from a document's state: the state diffed against the requester's state
 * vector, plus the state's own vector, produced in parts to the requester's reply partition.
 */
@ApplicationScoped
public class SyncResponder {

    /** The state vector of a client that has nothing yet. */
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    private static final Logger LOG = Logger.getLogger(SyncResponder.class);

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final DocMetrics metrics;
    private final int partBytes;
    private final StateVectorCache stateVectors = new StateVectorCache(1024);

    SyncResponder(Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout, DocMetrics metrics,
            DocConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.metrics = metrics;
        this.partBytes = config.replyPartBytes();
    }

    /** Computes and produces the reply to {@code request} given the document's current state. */
    public void answer(SyncRequest request, byte[] state) {
        long started = System.nanoTime();
        // a joining client usually knows nothing: then the diff is the whole (compacted) state
        byte[] missing = Arrays.equals(request.stateVector(), EMPTY_STATE_VECTOR)
            ? state : Updates.diffUpdate(state, request.stateVector());
        SyncReply reply = new SyncReply(request.docId(), request.correlationId(), request.replyTo(), missing,
            stateVectors.of(request.docId(), state));
        int partition = Partitions.forReplyTarget(request.replyTo(), layout.replyPartitions());
        for (ProducerRecord<String, byte[]> record : SyncReplies.toRecords(topics.syncReplies(), partition, reply, partBytes)) {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    metrics.error("reply-produce");
                    LOG.warnf("sync reply %s not produced: %s", request.correlationId(), error.getMessage());
                }
            });
        }
        metrics.replied(System.nanoTime() - started);
    }
}
