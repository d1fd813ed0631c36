package dev.skein.persistence.history;

import dev.skein.storage.format.CorruptObjectException;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.HistoryCodec;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.history.StoredVersion;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.history.VersionRecord;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.ChangesName;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.StoredName;
import dev.skein.storage.layout.VersionName;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.read.ObjectVanishedException;
import dev.skein.storage.s3.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * History in storage, for the consumer: where a document's history stands when a session first
 * meets it, the changes object of each batch of a document with history, and version objects.
 */
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = Logger.getLogger(HistoryStore.class);

    private final ObjectStore store;
    private final DocumentReader reader;
    private final HistoryReader history;

    HistoryStore(ObjectStore store, DocumentReader reader, HistoryReader history) {
        this.store = store;
        this.reader = reader;
        this.history = history;
    }

    /**
     * A tracker for a document first met in this session: its newest version, and every change
     * stored after it (changes objects; for a document without versions also the content stored
     * before history was on, by an unknown author).
     *
     * @throws dev.skein.storage.s3.StorageException if storage fails
     */
    VersionTracker start(String docId, int partition) {
        ObjectVanishedException last = null;
        for (int attempt = 0; attempt < DocumentReader.MAX_ATTEMPTS; attempt++) {
            try {
                return start(docId, partition, reader.objects(docId));
            } catch (ObjectVanishedException e) {
                // a compaction deleted what the listing named: list again
                last = e;
            }
        }
        throw new IllegalStateException("history of " + docId + " kept changing while it was read", last);
    }

    private VersionTracker start(String docId, int partition, DocumentObjects objects) {
        VersionTracker tracker = new VersionTracker(docId, partition);
        Optional<VersionName> newest = Optional.empty();
        for (VersionName name : objects.versions()) {
            tracker.storedVersions.add(name.offset());
            if (newest.isEmpty() || name.offset() > newest.get().offset()) {
                newest = Optional.of(name);
            }
        }
        if (newest.isPresent()) {
            StoredVersion version = history.version(newest.get(), objects.sizeOf(newest.get()));
            tracker.baseOffset = version.version();
            tracker.baseStateVector = version.record().stateVector();
            tracker.countedUpTo = version.version();
        }
        Set<ChangesName> described = new HashSet<>();
        for (ChangesName name : objects.changes()) {
            described.add(name);
            if (name.toOffset() > tracker.baseOffset) {
                try {
                    tracker.changes.addAll(history.changes(name));
                } catch (CorruptObjectException e) {
                    // its authors are lost; the batch still holds the content, which the next version counts below
                    LOG.errorf("damaged changes object %s: %s", name.key(), e.getMessage());
                    described.remove(name);
                    continue;
                }
                tracker.countedUpTo = Math.max(tracker.countedUpTo, name.toOffset());
            }
        }
        for (StoredName name : unattributed(objects, described, newest.isPresent())) {
            try {
                tracker.changes.addUpdate(ChangeSet.UNKNOWN, reader.read(name));
                tracker.countedUpTo = Math.max(tracker.countedUpTo, name.lastOffset());
            } catch (CorruptObjectException e) {
                LOG.errorf("damaged object %s left out of the history of %s: %s", name.key(), docId, e.getMessage());
            }
        }
        return tracker;
    }

    /**
     * Stored content no changes object describes: batches above the newest version written while
     * history was off, and, before a first version, the newest snapshot (documents with history
     * get no snapshot before their first version, so a snapshot then is older than history).
     */
    private static List<StoredName> unattributed(DocumentObjects objects, Set<ChangesName> described, boolean versioned) {
        List<StoredName> names = new ArrayList<>();
        Optional<SnapshotName> snapshot = versioned ? Optional.empty() : objects.newestSnapshot();
        snapshot.ifPresent(names::add);
        long newestVersion = objects.versions().stream().mapToLong(VersionName::offset).max().orElse(-1);
        for (BatchName batch : objects.batchesNotCoveredBy(snapshot)) {
            if (!described.contains(ChangesName.of(batch)) && batch.toOffset() > newestVersion) {
                names.add(batch);
            }
        }
        return names;
    }

    /** Writes the changes object of a batch; when this returns it is durably stored. */
    void writeChanges(BatchName batch, ChangeSet changes) {
        ChangesName name = ChangesName.of(batch);
        store.put(name.key(), StoredObjectCodec.changes(name, HistoryCodec.encodeChanges(changes)));
    }

    /**
     * Writes the version at {@code offset} from what the tracker holds and moves the tracker on to it.
     *
     * @return the version's name
     */
    VersionName writeVersion(VersionTracker tracker, long offset, Trigger trigger, long time, String label,
            String labelledBy) {
        VersionRecord record = new VersionRecord(time, trigger, label, labelledBy,
            tracker.changes.stateVector(tracker.baseStateVector), tracker.changes);
        VersionName name = new VersionName(tracker.docId, tracker.partition, tracker.baseOffset + 1, offset);
        store.put(name.key(), StoredObjectCodec.version(name, HistoryCodec.encodeVersion(record)));
        tracker.versioned(offset, record.stateVector());
        return name;
    }
}
