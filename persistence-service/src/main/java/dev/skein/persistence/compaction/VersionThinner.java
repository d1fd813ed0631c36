package dev.skein.persistence.compaction;

import dev.skein.persistence.config.HistoryConfig;
import dev.skein.persistence.history.Retention;
import dev.skein.persistence.history.RetentionRules;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.DocumentHistory;
import dev.skein.storage.history.HistoryCodec;
import dev.skein.storage.history.StoredVersion;
import dev.skein.storage.history.VersionRecord;
import dev.skein.storage.layout.VersionName;
import dev.skein.storage.s3.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops the versions retention does not keep. A dropped version's changes are folded into the next
 * kept version, written first under a name with the lower first offset; only then are the old
 * objects deleted. A crash in between leaves two objects of one version, whose changes readers
 * unite: no deletion is ever lost from a kept version's delete set.
 */
@ApplicationScoped
public class VersionThinner {

    private final ObjectStore store;
    private final Retention retention;
    private final PersistenceMetrics metrics;

    VersionThinner(ObjectStore store, HistoryConfig config, PersistenceMetrics metrics) {
        this.store = store;
        this.retention = new Retention(RetentionRules.parse(config.retention(), config.keepLabelled()));
        this.metrics = metrics;
    }

    /**
     * Applies retention to a document's history at {@code nowMillis}.
     *
     * @return the keys deleted
     * @throws dev.skein.storage.s3.StorageException if storage fails (what was written stays valid)
     */
    public List<String> thin(String docId, DocumentHistory history, long nowMillis) {
        Set<Long> keep = retention.keep(history.entries(), nowMillis);
        List<StoredVersion> dropped = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int droppedVersions = 0;
        for (long version : history.versions()) {
            List<StoredVersion> objects = history.objects(version);
            if (!keep.contains(version)) {
                dropped.addAll(objects);
                droppedVersions++;
                continue;
            }
            if (dropped.isEmpty() && objects.size() == 1) {
                continue;
            }
            List<StoredVersion> folded = new ArrayList<>(dropped);
            folded.addAll(objects);
            deleted.addAll(fold(docId, version, objects, folded));
            dropped.clear();
        }
        metrics.versionsThinned(droppedVersions);
        return deleted;
    }

    /** Writes the kept version with every folded change, then deletes the objects it replaces. */
    private List<String> fold(String docId, long version, List<StoredVersion> kept, List<StoredVersion> folded) {
        ChangeSet changes = new ChangeSet();
        long from = version;
        for (StoredVersion object : folded) {
            changes.addAll(object.record().changes());
            from = Math.min(from, object.name().fromOffset());
        }
        VersionRecord base = kept.get(0).record();
        VersionRecord record = new VersionRecord(base.time(), base.trigger(), base.label(), base.labelledBy(),
            base.stateVector(), changes);
        VersionName name = new VersionName(docId, kept.get(0).name().partition(), from, version);
        StoredVersion existing = null;
        for (StoredVersion object : kept) {
            if (object.name().equals(name)) {
                existing = object;
            }
        }
        if (existing == null) {
            store.put(name.key(), StoredObjectCodec.version(name, HistoryCodec.encodeVersion(record)));
        } else if (!existing.record().changes().equals(changes)) {
            // the name is taken by other content: leave the objects as they are (readers unite them)
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        for (StoredVersion object : folded) {
            if (!object.name().equals(name)) {
                store.delete(object.name().key());
                deleted.add(object.name().key());
            }
        }
        return deleted;
    }
}
