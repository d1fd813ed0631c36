package dev.skein.persistence.compaction;

import dev.skein.persistence.batch.BatchListener;
import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.layout.BatchName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Counts the batches written per document and compacts a document once it has
 * {@code skein.persistence.compaction.batch-threshold} of them. Counting in memory spares a
 * listing per flush; after a restart the count starts again, so a document is compacted at the
 * latest after as many new batches.
 *
 * <p>A failed compaction is logged and counted but never fails the flush that triggered it: the
 * batches are durable already, and the next trigger tries again.
 */
@ApplicationScoped
public class CompactionScheduler implements BatchListener {

    private static final Logger LOG = Logger.getLogger(CompactionScheduler.class);

    private final Compactor compactor;
    private final PersistenceMetrics metrics;
    private final boolean enabled;
    private final int threshold;
    private final Map<String, Integer> batches = new HashMap<>();

    CompactionScheduler(Compactor compactor, PersistenceMetrics metrics, PersistenceConfig config) {
        this.compactor = compactor;
        this.metrics = metrics;
        this.enabled = config.compaction().enabled();
        this.threshold = Math.max(1, config.compaction().batchThreshold());
    }

    @Override
    public synchronized void written(BatchName name, int updates, String reason) {
        metrics.batch(reason, updates);
        if (!enabled) {
            return;
        }
        int count = batches.merge(name.docId(), 1, Integer::sum);
        if (count < threshold) {
            return;
        }
        batches.remove(name.docId());
        compact(name.docId());
    }

    /**
     * A version of the document was stored: retention may thin its versions, and the changes the
     * version now holds need their objects no more.
     */
    public synchronized void versionRecorded(String docId) {
        if (!enabled) {
            return;
        }
        batches.remove(docId);
        compact(docId);
    }

    private void compact(String docId) {
        try {
            metrics.compaction(compactor.compact(docId).outcome());
        } catch (RuntimeException e) {
            metrics.error("compaction");
            LOG.warnf("compaction of %s failed (retried after more batches): %s", docId, e.toString());
        }
    }
}
