package dev.skein.doc.live;

import dev.skein.contract.EditReply;
import dev.skein.contract.EditRequest;
import dev.skein.contract.Partitions;
import dev.skein.doc.changes.ChangeOrigin;
import dev.skein.doc.changes.ChangePublisher;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.edit.EditOps;
import dev.skein.doc.edit.EditRejectedException;
import dev.skein.doc.edit.EditRequestBody;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.messaging.TopicLayout;
import dev.skein.messaging.TopicsConfig;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * The owner's side of edits: an {@code edit-request} met in log order is applied to the live
 * document (the current state) as its own client, in one transaction; its changes are published,
 * its update produced as an ordinary {@code update} record, and once Kafka has that record the
 * requester gets the offset and the new state vector. A refused operation leaves nothing: the
 * partly changed live document is dropped and loaded again when next needed.
 *
 * <p>Requests met during a replay were the previous owner's to answer (their requesters send
 * again what was not answered, see {@code EditClient}); a request whose update is in the log
 * already (same correlation id) is answered, not applied again; requests older than
 * {@code skein.doc.edit-max-age} are not applied (their caller has given up).
 */
@ApplicationScoped
public class LiveEdits {

    private static final Logger LOG = Logger.getLogger(LiveEdits.class);

    private final LiveDocuments documents;
    private final OwnUpdates own;
    private final ChangePublisher publisher;
    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final DocMetrics metrics;
    private final long maxAgeMillis;
    private final boolean changesEnabled;

    LiveEdits(LiveDocuments documents, OwnUpdates own, ChangePublisher publisher, Producer<String, byte[]> producer,
            TopicsConfig topics, TopicLayout layout, DocMetrics metrics, DocConfig config) {
        this.documents = documents;
        this.own = own;
        this.publisher = publisher;
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.metrics = metrics;
        this.maxAgeMillis = config.editMaxAge().toMillis();
        this.changesEnabled = config.changesEnabled();
    }

    /**
     * Handles an edit request of an owned partition.
     *
     * @throws dev.skein.contract.MalformedRecordException if the record lacks its headers
     */
    public void handle(ConsumerRecord<String, byte[]> record) {
        EditRequest request = EditRequest.fromRecord(record);
        if (!documents.appliesEdits(record.partition(), record.offset())) {
            metrics.skipped("replayed-edit-request");
            return;
        }
        if (System.currentTimeMillis() - record.timestamp() > maxAgeMillis) {
            metrics.skipped("stale-edit-request");
            return;
        }
        EditReply refused = documents.refusal(request.correlationId());
        if (refused != null) {
            metrics.skipped("repeated-edit-request");
            reply(refused);
            return;
        }
        Long applied = documents.editOffset(request.correlationId());
        if (applied != null || documents.inFlight(request.docId(), request.correlationId())) {
            // sent again by its requester: applied once already (the first answer may have been lost)
            metrics.skipped("repeated-edit-request");
            if (applied != null) {
                answerApplied(record, request, applied);
            }
            return;
        }
        EditRequestBody body;
        try {
            body = EditOps.parse(new String(request.operations(), StandardCharsets.UTF_8));
        } catch (EditRejectedException e) {
            refuse(EditReply.rejected(request, e.op(), e.describe()));
            return;
        }
        String docId = request.docId();
        LiveDocument live;
        try {
            live = documents.get(record.partition(), docId);
        } catch (RuntimeException e) {
            LOG.warnf("edit of %s not applied: its state could not be loaded (%s)", docId, e.toString());
            reply(EditReply.failed(request, "the document's state could not be loaded; try again"));
            return;
        }
        LiveDocument.EditResult result;
        try {
            result = live.edit(body);
        } catch (EditRejectedException e) {
            documents.drop(docId);
            refuse(EditReply.rejected(request, e.op(), e.describe()));
            return;
        }
        Map<String, Map<String, Object>> roots = live.drainChanges();
        if (changesEnabled && !roots.isEmpty()) {
            publisher.publish(docId, record.offset(), "edit", new ChangeOrigin(java.util.Optional.of(own.origin(OwnUpdates.EDIT)),
                request.principal(), List.of(live.doc().clientId())), roots);
        }
        int partition = record.partition();
        if (result.update() == null) {
            reply(EditReply.applied(request, -1, body(docId, partition, -1, result)));
            return;
        }
        own.produce(partition, docId, result.update(), request.correlationId(), request.principal(), OwnUpdates.EDIT,
            (offset, failure) -> {
                if (failure == null) {
                    reply(EditReply.applied(request, offset, body(docId, partition, offset, result)));
                } else {
                    if (changesEnabled) {
                        publisher.reset(docId, "an edit did not reach the log");
                    }
                    reply(EditReply.failed(request, "Kafka did not take the edit's update: " + failure.getMessage()));
                }
            });
    }

    private void refuse(EditReply refusal) {
        documents.editRefused(refusal.correlationId(), refusal);
        reply(refusal);
    }

    private void answerApplied(ConsumerRecord<String, byte[]> record, EditRequest request, long offset) {
        try {
            LiveDocument live = documents.get(record.partition(), request.docId());
            reply(EditReply.applied(request, offset, body(request.docId(), record.partition(), offset,
                new LiveDocument.EditResult(null, List.of(), live.doc().stateVector()))));
        } catch (RuntimeException e) {
            reply(EditReply.failed(request, "the document's state could not be loaded; try again"));
        }
    }

    private static byte[] body(String docId, int partition, long offset, LiveDocument.EditResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("docId", docId);
        m.put("partition", (double) partition);
        m.put("offset", offset < 0 ? null : (Object) (double) offset);
        m.put("stateVector", stateVector(result.stateVector()));
        m.put("positions", result.positions());
        return Json.stringify(m).getBytes(StandardCharsets.UTF_8);
    }

    /** A state vector as JSON: client id → clock. */
    static Map<String, Object> stateVector(StateVector vector) {
        Map<String, Object> m = new LinkedHashMap<>();
        vector.asMap().forEach((client, clock) -> m.put(Long.toString(client), (double) clock));
        return m;
    }

    private void reply(EditReply reply) {
        metrics.edit(reply.outcome().wireName());
        int partition = Partitions.forReplyTarget(reply.replyTo(), layout.replyPartitions());
        try {
            producer.send(reply.toRecord(topics.syncReplies(), partition), (metadata, error) -> {
                if (error != null) {
                    metrics.error("reply-produce");
                    LOG.warnf("edit reply %s not produced: %s", reply.correlationId(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            metrics.error("reply-produce");
            LOG.warnf("edit reply %s not produced: %s", reply.correlationId(), e.getMessage());
        }
    }
}
