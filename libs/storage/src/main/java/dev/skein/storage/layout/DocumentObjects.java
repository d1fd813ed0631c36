package dev.skein.storage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one document at the moment they were listed, and which of them make up the
 * document: the newest snapshot plus every batch it does not cover. Version and changes objects
 * (history) are listed too but are never part of the document's content.
 *
 * <p>A batch is covered when it is of the snapshot's partition and ends at or below the
 * snapshot's offset. Batches of another partition are never covered (a document keeps its
 * partition for life; should it not, reading too much is harmless because merging Yjs updates is
 * idempotent, while reading too little would lose data).
 */
public final class DocumentObjects {

    private static final Comparator<StoredName> BY_POSITION = Comparator
        .comparingLong(StoredName::lastOffset)
        .thenComparingInt(StoredName::partition);

    private final String docId;
    private final List<StoredObject> objects;

    private DocumentObjects(String docId, List<StoredObject> objects) {
        this.docId = docId;
        this.objects = objects;
    }

    /** Groups the listed objects of {@code docId}; objects of other documents are ignored. */
    public static DocumentObjects of(String docId, List<StoredObject> listed) {
        List<StoredObject> mine = new ArrayList<>();
        for (StoredObject object : listed) {
            if (object.name().docId().equals(docId)) {
                mine.add(object);
            }
        }
        mine.sort(Comparator.comparing(StoredObject::name, BY_POSITION));
        return new DocumentObjects(docId, List.copyOf(mine));
    }

    /** The document. */
    public String docId() {
        return docId;
    }

    /** Every object, oldest position first. */
    public List<StoredObject> all() {
        return objects;
    }

    /** Whether the document has no objects. */
    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /** Total bytes of the document's objects. */
    public long totalBytes() {
        return objects.stream().mapToLong(StoredObject::size).sum();
    }

    /** The snapshots, oldest first. */
    public List<SnapshotName> snapshots() {
        List<SnapshotName> snapshots = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.name() instanceof SnapshotName snapshot) {
                snapshots.add(snapshot);
            }
        }
        return snapshots;
    }

    /** The batches, oldest first. */
    public List<BatchName> batches() {
        List<BatchName> batches = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.name() instanceof BatchName batch) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** The version objects, oldest first (a version may have two while retention folds it). */
    public List<VersionName> versions() {
        List<VersionName> versions = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.name() instanceof VersionName version) {
                versions.add(version);
            }
        }
        return versions;
    }

    /** The changes objects of batches not yet covered by a version, oldest first. */
    public List<ChangesName> changes() {
        List<ChangesName> changes = new ArrayList<>();
        for (StoredObject object : objects) {
            if (object.name() instanceof ChangesName name) {
                changes.add(name);
            }
        }
        return changes;
    }

    /** The listed size of an object, or -1 if it is not in this listing. */
    public long sizeOf(StoredName name) {
        for (StoredObject object : objects) {
            if (object.name().equals(name)) {
                return object.size();
            }
        }
        return -1;
    }

    /** The snapshot with the highest offset, if any. */
    public Optional<SnapshotName> newestSnapshot() {
        List<SnapshotName> snapshots = snapshots();
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    /** Whether the snapshot makes the batch redundant. */
    public static boolean covers(SnapshotName snapshot, BatchName batch) {
        return snapshot.partition() == batch.partition() && batch.toOffset() <= snapshot.offset();
    }

    /** The batches the newest snapshot does not cover, oldest first. */
    public List<BatchName> uncoveredBatches() {
        return batchesNotCoveredBy(newestSnapshot());
    }

    /** The batches {@code snapshot} does not cover (every batch when it is empty), oldest first. */
    public List<BatchName> batchesNotCoveredBy(Optional<SnapshotName> snapshot) {
        List<BatchName> batches = new ArrayList<>();
        for (BatchName batch : batches()) {
            if (snapshot.isEmpty() || !covers(snapshot.get(), batch)) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** What to read to get the document: the newest snapshot (if any), then the uncovered batches. */
    public List<StoredName> readPlan() {
        List<StoredName> plan = new ArrayList<>();
        newestSnapshot().ifPresent(plan::add);
        plan.addAll(uncoveredBatches());
        return plan;
    }
}
