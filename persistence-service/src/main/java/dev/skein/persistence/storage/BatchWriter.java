package dev.skein.persistence.storage;

import dev.skein.persistence.batch.PendingDocument;
import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.persistence.history.HistoryPolicy;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.update.Compaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a document's buffered updates as one immutable batch object: merged and compacted (one
 * struct per run typed in sequence, deleted text dropped, but kept for documents with history:
 * versions show it), named by partition and offsets.
 */
@ApplicationScoped
public class BatchWriter {

    private final ObjectStore store;
    private final UpdateEncoding encoding;
    private final PersistenceMetrics metrics;
    private final HistoryPolicy history;

    BatchWriter(ObjectStore store, PersistenceConfig config, PersistenceMetrics metrics, HistoryPolicy history) {
        this.store = store;
        this.encoding = UpdateEncoding.parse(config.encoding());
        this.metrics = metrics;
        this.history = history;
    }

    /**
     * Writes the batch; when this returns it is durably stored.
     *
     * @return its name
     * @throws dev.skein.storage.s3.StorageException if storage fails (nothing may be committed then)
     */
    public BatchName write(PendingDocument pending) {
        BatchName name = new BatchName(pending.docId(), pending.partition(), pending.fromOffset(), pending.toOffset());
        byte[] merged = history.appliesTo(pending.docId())
            ? Compaction.mergeAndCompact(pending.updates(), new DeleteSet())
            : Compaction.mergeAndCompact(pending.updates());
        byte[] object = StoredObjectCodec.batch(name, merged, encoding);
        store.put(name.key(), object);
        metrics.durable(pending.timestampsMillis(), System.currentTimeMillis(), object.length);
        return name;
    }
}
