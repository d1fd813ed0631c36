package dev.skein.doc.live;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.RecordHeaders;
import dev.skein.doc.changes.ChangeOrigin;
import dev.skein.doc.changes.ChangePublisher;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.update.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies each new update record to its document's live document and publishes what it changed
 * (browsers' updates, the REST API's, anyone's), before the update joins the merged state. The
 * owner's own updates coming back are already in their live documents and change nothing.
 * Records a previous owner handled (up to its last commit) are left to the merged state alone.
 */
@ApplicationScoped
public class LiveUpdates {

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);

    private final LiveDocuments documents;
    private final OwnUpdates own;
    private final ChangePublisher publisher;
    private final DocMetrics metrics;
    private final boolean changesEnabled;

    LiveUpdates(LiveDocuments documents, OwnUpdates own, ChangePublisher publisher, DocMetrics metrics, DocConfig config) {
        this.documents = documents;
        this.own = own;
        this.publisher = publisher;
        this.metrics = metrics;
        this.changesEnabled = config.changesEnabled();
        metrics.liveDocuments(documents::size);
    }

    /** Called for every valid update record of an owned partition, before it joins the merged state. */
    public void consumed(ConsumerRecord<String, byte[]> record) {
        if (DocumentRecords.origin(record).orElse("").endsWith("/" + OwnUpdates.EDIT)) {
            // any owner's edit, also one met in a replay: a request sent again must not apply twice
            RecordHeaders.get(record.headers(), RecordHeaders.CORRELATION_ID)
                .ifPresent(c -> documents.editInLog(c, record.offset()));
        }
        if (own.readBack(record) || !documents.publishesChanges(record.partition(), record.offset())) {
            return;
        }
        String docId = record.key();
        LiveDocument live;
        try {
            // without change events only documents already live (for edits) are kept current
            live = changesEnabled ? documents.get(record.partition(), docId) : documents.peek(docId);
        } catch (RuntimeException e) {
            metrics.error("live-load");
            LOG.warnf("no change event for %s@%d: its state could not be loaded (%s)", docId, record.offset(), e.toString());
            return;
        }
        if (live == null) {
            return;
        }
        byte[] reaction;
        try {
            reaction = live.applyRemote(record.value());
        } catch (RuntimeException e) {
            documents.drop(docId);
            metrics.error("live-apply");
            LOG.warnf("update %s@%d could not be applied to the live document (%s); it is loaded again when needed",
                docId, record.offset(), e.toString());
            return;
        }
        Map<String, Map<String, Object>> roots = live.drainChanges();
        if (changesEnabled && !roots.isEmpty()) {
            publisher.publish(docId, record.offset(), "update", new ChangeOrigin(DocumentRecords.origin(record),
                RecordHeaders.get(record.headers(), RecordHeaders.PRINCIPAL), clients(record.value())), roots);
        }
        if (reaction != null) {
            own.produce(record.partition(), docId, reaction, UUID.randomUUID().toString(), Optional.empty(),
                OwnUpdates.LIVE, (offset, failure) -> {
                    if (failure != null) {
                        publisher.reset(docId, "a formatting cleanup did not reach the log");
                    }
                });
        }
    }

    private static List<Long> clients(byte[] update) {
        try {
            return new ArrayList<>(StateVector.decode(Updates.encodeStateVectorFromUpdate(update)).asMap().keySet());
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
