package dev.skein.persistence.compaction;

import dev.skein.persistence.config.PersistenceConfig;
import dev.skein.persistence.history.HistoryPolicy;
import dev.skein.storage.history.DocumentHistory;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.layout.ChangesName;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.StoredName;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.read.LoadedDocument;
import dev.skein.storage.read.ObjectVanishedException;
import dev.skein.storage.s3.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Merges a document's newest snapshot and the batches above it into a new snapshot, then deletes
 * what the new snapshot replaced and the snapshots beyond retention.
 *
 * <p>The order makes a crash at any point harmless: the new snapshot is complete before anything
 * is deleted, and until then readers use the old snapshot and batches. After a crash between the
 * write and the deletions, readers take the new snapshot and ignore the batches it covers; the
 * next compaction deletes them. Only objects that were read into the new snapshot (or that it
 * covers by offset) are ever deleted. A document with a damaged object is not compacted (outcome
 * {@code damaged}): its objects stay as they are.
 *
 * <p>For a document with history, retention thins its versions first; the snapshot then keeps the
 * content of everything deleted after its oldest kept version (so every kept version can still be
 * shown), and the changes objects the newest version covers are deleted. Before its first version
 * such a document is not compacted (outcome {@code awaiting-version}): its batches and their
 * changes objects stay until a version holds them.
 */
@ApplicationScoped
public class Compactor {

    private static final Logger LOG = Logger.getLogger(Compactor.class);

    private final ObjectStore store;
    private final DocumentReader reader;
    private final HistoryReader histories;
    private final HistoryPolicy history;
    private final VersionThinner thinner;
    private final UpdateEncoding encoding;
    private final int keepSnapshots;

    Compactor(ObjectStore store, DocumentReader reader, HistoryReader histories, HistoryPolicy history,
            VersionThinner thinner, PersistenceConfig config) {
        this.store = store;
        this.reader = reader;
        this.histories = histories;
        this.history = history;
        this.thinner = thinner;
        this.encoding = UpdateEncoding.parse(config.encoding());
        this.keepSnapshots = Math.max(1, config.compaction().keepSnapshots());
    }

    /**
     * Compacts one document. Serialised: the consumer and the admin API may ask at the same time.
     *
     * @throws dev.skein.storage.s3.StorageException if storage fails (nothing is lost: deletions
     *     only follow a written snapshot)
     */
    public synchronized CompactionResult compact(String docId) {
        DocumentObjects objects = reader.objects(docId);
        if (objects.isEmpty()) {
            return new CompactionResult(docId, null, List.of(), "empty");
        }
        List<String> deleted = new ArrayList<>();
        DeleteSet collectable = null;
        long newestVersion = -1;
        LoadedDocument loaded;
        try {
            if (history.appliesTo(docId)) {
                if (objects.versions().isEmpty()) {
                    return new CompactionResult(docId, null, List.of(), "awaiting-version");
                }
                DocumentHistory versions = histories.history(objects);
                List<String> thinned = thinner.thin(docId, versions, System.currentTimeMillis());
                if (!thinned.isEmpty()) {
                    deleted.addAll(thinned);
                    objects = reader.objects(docId);
                    versions = histories.history(objects);
                }
                if (versions.isEmpty()) {
                    return new CompactionResult(docId, null, deleted, "damaged");
                }
                // content deleted after the oldest kept version stays: every kept version can be shown
                collectable = versions.deletedUpTo(versions.oldest().orElseThrow());
                newestVersion = versions.newest().orElseThrow();
            }
            loaded = reader.merge(objects, collectable);
        } catch (ObjectVanishedException e) {
            // another instance compacted meanwhile (a zombie after a rebalance): its snapshot holds the data
            return new CompactionResult(docId, null, List.of(), "concurrent-change");
        }
        if (!loaded.isWhole()) {
            // a snapshot without the damaged objects' records would make their loss permanent once
            // the log's retention passes: leave everything as it is for an operator to look at
            LOG.errorf("not compacting %s: damaged stored objects %s", docId,
                loaded.damaged().stream().map(d -> d.key() + " (" + d.reason() + ")").toList());
            return new CompactionResult(docId, null, deleted, "damaged");
        }
        SnapshotName snapshot = snapshotName(docId, loaded.read());
        Optional<SnapshotName> newest = objects.newestSnapshot();
        String outcome = "up-to-date";
        if (newest.isEmpty() || !newest.get().equals(snapshot)) {
            store.put(snapshot.key(), StoredObjectCodec.snapshot(snapshot, loaded.state(), encoding));
            outcome = "compacted";
        }
        for (BatchName batch : objects.batches()) {
            if (DocumentObjects.covers(snapshot, batch) || loaded.read().contains(batch)) {
                store.delete(batch.key());
                deleted.add(batch.key());
            }
        }
        for (ChangesName changes : objects.changes()) {
            // the newest version holds who changed what up to it
            if (changes.toOffset() <= newestVersion) {
                store.delete(changes.key());
                deleted.add(changes.key());
            }
        }
        List<SnapshotName> snapshots = new ArrayList<>(objects.snapshots());
        if (!snapshots.contains(snapshot)) {
            snapshots.add(snapshot);
        }
        snapshots.sort(Comparator.comparingLong(SnapshotName::offset).reversed());
        for (SnapshotName old : snapshots.subList(Math.min(keepSnapshots, snapshots.size()), snapshots.size())) {
            if (!old.equals(snapshot)) {
                store.delete(old.key());
                deleted.add(old.key());
            }
        }
        LOG.debugf("compacted %s into %s, deleted %d objects", docId, snapshot.key(), deleted.size());
        return new CompactionResult(docId, snapshot.key(), deleted, outcome);
    }

    /**
     * The snapshot's name: the partition of the newest object read and the highest offset read in
     * that partition. It covers exactly the batches of that partition up to there, all of which
     * were read (or are covered by the snapshot read).
     */
    private static SnapshotName snapshotName(String docId, List<StoredName> read) {
        StoredName newest = read.get(0);
        for (StoredName name : read) {
            if (name.lastOffset() > newest.lastOffset()) {
                newest = name;
            }
        }
        long offset = 0;
        for (StoredName name : read) {
            if (name.partition() == newest.partition()) {
                offset = Math.max(offset, name.lastOffset());
            }
        }
        return new SnapshotName(docId, newest.partition(), offset);
    }
}
