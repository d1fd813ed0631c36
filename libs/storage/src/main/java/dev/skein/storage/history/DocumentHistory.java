package dev.skein.storage.history;

import dev.skein.ycrdt.doc.ClockMap;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.id.DeleteSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A document's versions as stored: one per offset (a version may have two objects for a moment
 * while retention folds older changes into it; their changes are united). A version's Yjs snapshot
 * is its state vector and every deletion of every version up to it.
 */
public final class DocumentHistory {

    private final TreeMap<Long, List<StoredVersion>> byVersion = new TreeMap<>();

    /** The history made of these version objects (of one document). */
    public DocumentHistory(List<StoredVersion> objects) {
        for (StoredVersion object : objects) {
            byVersion.computeIfAbsent(object.version(), v -> new ArrayList<>()).add(object);
        }
    }

    /** Whether there is no version. */
    public boolean isEmpty() {
        return byVersion.isEmpty();
    }

    /** Every version, newest first. */
    public List<VersionEntry> entries() {
        List<VersionEntry> entries = new ArrayList<>();
        for (Long version : byVersion.descendingKeySet()) {
            entries.add(entry(version).orElseThrow());
        }
        return entries;
    }

    /** The versions, oldest first. */
    public List<Long> versions() {
        return new ArrayList<>(byVersion.keySet());
    }

    /** One version as listed, if it exists. */
    public Optional<VersionEntry> entry(long version) {
        List<StoredVersion> objects = byVersion.get(version);
        if (objects == null) {
            return Optional.empty();
        }
        VersionRecord record = objects.get(0).record();
        ChangeSet changes = changesOf(objects);
        long bytes = objects.stream().mapToLong(StoredVersion::size).sum();
        return Optional.of(new VersionEntry(version, record.time(), record.trigger(), record.label(),
            record.labelledBy(), changes.authors(), bytes));
    }

    /** The objects of a version (more than one while a fold is in progress). */
    public List<StoredVersion> objects(long version) {
        return byVersion.getOrDefault(version, List.of());
    }

    /** Every object, oldest version first. */
    public List<StoredVersion> allObjects() {
        List<StoredVersion> all = new ArrayList<>();
        byVersion.values().forEach(all::addAll);
        return all;
    }

    /** The newest version, if any. */
    public Optional<Long> newest() {
        return byVersion.isEmpty() ? Optional.empty() : Optional.of(byVersion.lastKey());
    }

    /** The oldest version, if any. */
    public Optional<Long> oldest() {
        return byVersion.isEmpty() ? Optional.empty() : Optional.of(byVersion.firstKey());
    }

    /** The record of a version (its first object's: time, label and state vector are the same in all). */
    public Optional<VersionRecord> record(long version) {
        List<StoredVersion> objects = byVersion.get(version);
        return objects == null ? Optional.empty() : Optional.of(objects.get(0).record());
    }

    /** The Yjs snapshot of a version: its state vector and every deletion up to it. */
    public Optional<Snapshot> snapshot(long version) {
        Optional<VersionRecord> record = record(version);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(deletedUpTo(version), ClockMap.of(record.get().stateVector())));
    }

    /** Every id deleted up to a version (inclusive): the union of the changes of every version up to it. */
    public DeleteSet deletedUpTo(long version) {
        List<DeleteSet> sets = new ArrayList<>();
        for (List<StoredVersion> objects : byVersion.headMap(version, true).values()) {
            for (StoredVersion object : objects) {
                sets.add(object.record().changes().deleted());
            }
        }
        return IdSets.union(sets);
    }

    /** Who changed what after version {@code after} up to version {@code upTo} (inclusive). */
    public ChangeSet changesBetween(long after, long upTo) {
        ChangeSet changes = new ChangeSet();
        for (List<StoredVersion> objects : byVersion.subMap(after, false, upTo, true).values()) {
            changes.addAll(changesOf(objects));
        }
        return changes;
    }

    private static ChangeSet changesOf(List<StoredVersion> objects) {
        ChangeSet changes = new ChangeSet();
        objects.forEach(o -> changes.addAll(o.record().changes()));
        return changes;
    }
}
