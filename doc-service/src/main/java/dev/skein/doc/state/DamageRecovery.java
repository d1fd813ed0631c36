package dev.skein.doc.state;

import dev.skein.doc.kafka.LogRangeReader;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.storage.read.DamagedObject;
import dev.skein.storage.read.LoadedDocument;
import dev.skein.ycrdt.update.Compaction;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Completes a document read from storage with damaged objects: takes the records those objects
 * held back from the update log where retention still keeps them, and reports every damaged object
 * (log and {@code skein_doc_storage_damaged_objects_total{outcome}}) so that nothing goes missing
 * silently. What the log no longer holds is lost from the served state and reported as
 * {@code unrecoverable}; the document is still served from the rest.
 */
final class DamageRecovery {

    private static final Logger LOG = Logger.getLogger(DamageRecovery.class);

    private final LogRangeReader log;
    private final String topic;
    private final DocMetrics metrics;

    DamageRecovery(LogRangeReader log, String topic, DocMetrics metrics) {
        this.log = log;
        this.topic = topic;
        this.metrics = metrics;
    }

    /** The loaded state plus whatever the log still holds of its damaged objects. */
    byte[] complete(String docId, LoadedDocument loaded) {
        if (loaded.isWhole()) {
            return loaded.state();
        }
        List<byte[]> updates = new ArrayList<>();
        updates.add(loaded.state());
        for (DamagedObject damaged : loaded.damaged()) {
            LogRangeReader.Range range;
            try {
                range = log.read(topic, damaged.partition(), damaged.fromOffset(), damaged.toOffset(), docId);
            } catch (RuntimeException e) {
                metrics.damagedObject("unrecoverable");
                LOG.errorf("document %s: stored object %s is damaged (%s) and the log could not be read (%s); "
                    + "serving the document without it", docId, damaged.key(), damaged.reason(), e.toString());
                continue;
            }
            updates.addAll(range.updates());
            if (range.complete()) {
                metrics.damagedObject("recovered");
                LOG.errorf("document %s: stored object %s is damaged (%s); its %d updates were taken from the log "
                    + "(%s-%d, offsets %d-%d)", docId, damaged.key(), damaged.reason(), range.updates().size(), topic,
                    damaged.partition(), damaged.fromOffset(), damaged.toOffset());
            } else {
                metrics.damagedObject("unrecoverable");
                LOG.errorf("document %s: stored object %s is damaged (%s) and the log no longer holds all of it "
                    + "(%s-%d starts at offset %d, the object held %d-%d); serving the document without the missing "
                    + "updates (%d found in the log)", docId, damaged.key(), damaged.reason(), topic, damaged.partition(),
                    range.firstAvailable(), damaged.fromOffset(), damaged.toOffset(), range.updates().size());
            }
        }
        return Compaction.mergeAndCompact(updates);
    }
}
