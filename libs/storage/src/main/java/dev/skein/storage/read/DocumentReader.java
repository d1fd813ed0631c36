package dev.skein.storage.read;

import dev.skein.storage.format.CorruptObjectException;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.ObjectNames;
import dev.skein.storage.layout.StoredName;
import dev.skein.storage.layout.StoredObject;
import dev.skein.storage.s3.ObjectStore;
import dev.skein.storage.s3.StorageException;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.update.Compaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads documents from storage: lists a document's objects, reads the newest snapshot and every
 * batch above it, and merges them into one compacted Yjs v1 update.
 *
 * <p>A compaction may delete objects between the listing and the reads; the reader then lists
 * again (up to {@value #MAX_ATTEMPTS} times). Objects are immutable, so whatever a listing names
 * and still exists has the content the name promises. Damaged objects are left out and reported
 * (see {@link #merge(DocumentObjects)}).
 */
public final class DocumentReader {

    /** Listings tried before a read gives up on a document that keeps changing under it. */
    public static final int MAX_ATTEMPTS = 5;

    private final ObjectStore store;

    /** A reader over {@code store}. */
    public DocumentReader(ObjectStore store) {
        this.store = store;
    }

    /** The document's objects as they are now. */
    public DocumentObjects objects(String docId) {
        List<StoredObject> objects = new ArrayList<>();
        for (ObjectStore.ListedObject listed : store.list(ObjectNames.documentPrefix(docId))) {
            ObjectNames.parse(listed.key()).ifPresent(name -> objects.add(new StoredObject(name, listed.size())));
        }
        return DocumentObjects.of(docId, objects);
    }

    /**
     * The payload of one object as stored (a history record for versions and changes).
     *
     * @throws ObjectVanishedException if it no longer exists
     * @throws dev.skein.storage.format.StorageFormatException if it cannot be decoded
     */
    public byte[] readPayload(StoredName name) {
        byte[] bytes = store.get(name.key()).orElseThrow(() -> new ObjectVanishedException(name.key()));
        return StoredObjectCodec.decode(name, bytes).payload();
    }

    /**
     * The payload of one object as a Yjs v1 update.
     *
     * @throws ObjectVanishedException if it no longer exists
     * @throws dev.skein.storage.format.StorageFormatException if it cannot be decoded
     */
    public byte[] read(StoredName name) {
        byte[] bytes;
        try {
            bytes = store.get(name.key()).orElseThrow(() -> new ObjectVanishedException(name.key()));
        } catch (StorageException e) {
            // A server may fail a read of an object deleted while it read it (S3Proxy's file store
            // answers 500 instead of NoSuchKey): gone now means vanished, as a compaction does.
            if (stillListed(name)) {
                throw e;
            }
            throw new ObjectVanishedException(name.key());
        }
        return StoredObjectCodec.decode(name, bytes).updateV1();
    }

    private boolean stillListed(StoredName name) {
        return store.list(name.key()).stream().anyMatch(listed -> listed.key().equals(name.key()));
    }

    /**
     * The document's persisted state; empty when it has no objects.
     *
     * @throws IllegalStateException if the objects kept vanishing for {@value #MAX_ATTEMPTS} listings
     * @throws dev.skein.storage.format.UnsupportedObjectFormatException if an object has an unknown format version
     * @throws dev.skein.storage.s3.StorageException if storage fails
     */
    public Optional<LoadedDocument> load(String docId) {
        return load(docId, null);
    }

    /**
     * The document's persisted state keeping deleted content outside {@code collectable} (version
     * history reads past states from it; an empty set keeps all deleted content that storage
     * holds); {@code null} drops all deleted content, as {@link #load(String)}.
     *
     * @throws IllegalStateException if the objects kept vanishing for {@value #MAX_ATTEMPTS} listings
     * @throws dev.skein.storage.format.UnsupportedObjectFormatException if an object has an unknown format version
     * @throws dev.skein.storage.s3.StorageException if storage fails
     */
    public Optional<LoadedDocument> load(String docId, DeleteSet collectable) {
        ObjectVanishedException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            DocumentObjects objects = objects(docId);
            if (objects.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(merge(objects, collectable));
            } catch (ObjectVanishedException e) {
                last = e;
            }
        }
        throw new IllegalStateException("document " + docId + " kept changing while it was read", last);
    }

    /**
     * Reads and merges the read plan of a listing: the newest snapshot and the batches above it.
     *
     * <p>A damaged object (one that fails its checksum or structure check) does not make the whole
     * document unreadable: it is left out and named in {@link LoadedDocument#damaged()} with the
     * log range it held. A damaged snapshot falls back to the next older one, plus the batches that
     * one does not cover. An object of an unknown format version is not damage but a format this
     * reader does not know, and fails the read.
     *
     * @throws ObjectVanishedException if a listed object is gone
     * @throws dev.skein.storage.format.UnsupportedObjectFormatException if an object has a format
     *     version this reader does not know
     */
    public LoadedDocument merge(DocumentObjects objects) {
        return merge(objects, null);
    }

    /**
     * {@link #merge(DocumentObjects)}, dropping deleted content only inside {@code collectable}
     * ({@code null}: all of it).
     *
     * @throws ObjectVanishedException if a listed object is gone
     * @throws dev.skein.storage.format.UnsupportedObjectFormatException if an object has a format
     *     version this reader does not know
     */
    public LoadedDocument merge(DocumentObjects objects, DeleteSet collectable) {
        List<StoredName> read = new ArrayList<>();
        List<byte[]> updates = new ArrayList<>();
        List<DamagedObject> damaged = new ArrayList<>();
        List<SnapshotName> snapshots = objects.snapshots();
        Optional<SnapshotName> base = Optional.empty();
        for (int i = snapshots.size() - 1; i >= 0 && base.isEmpty(); i--) {
            SnapshotName snapshot = snapshots.get(i);
            try {
                updates.add(read(snapshot));
                read.add(snapshot);
                base = Optional.of(snapshot);
            } catch (CorruptObjectException e) {
                long from = olderSnapshotOffset(snapshots, i).map(offset -> offset + 1).orElse(0L);
                damaged.add(new DamagedObject(snapshot, e.getMessage(), snapshot.partition(), from, snapshot.offset()));
            }
        }
        for (BatchName batch : objects.batchesNotCoveredBy(base)) {
            try {
                updates.add(read(batch));
                read.add(batch);
            } catch (CorruptObjectException e) {
                damaged.add(new DamagedObject(batch, e.getMessage(), batch.partition(), batch.fromOffset(), batch.toOffset()));
            }
        }
        byte[] state = collectable == null ? Compaction.mergeAndCompact(updates)
            : Compaction.mergeAndCompact(updates, collectable);
        return new LoadedDocument(state, objects, read, damaged);
    }

    /** The offset of the newest snapshot older than {@code snapshots.get(index)} in the same partition. */
    private static Optional<Long> olderSnapshotOffset(List<SnapshotName> snapshots, int index) {
        int partition = snapshots.get(index).partition();
        for (int i = index - 1; i >= 0; i--) {
            if (snapshots.get(i).partition() == partition) {
                return Optional.of(snapshots.get(i).offset());
            }
        }
        return Optional.empty();
    }
}
