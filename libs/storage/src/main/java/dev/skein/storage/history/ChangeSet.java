package dev.skein.storage.history;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.StructReader;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who changed what in a stretch of a document's history: per principal, the ids its updates
 * inserted and deleted. Unions are idempotent, so a change counted twice (records read again after
 * a restart, objects left over by a crash) changes nothing.
 *
 * <p>Not thread-safe; immutable once built, as read from storage.
 */
public final class ChangeSet {

    /** The principal of changes whose author is not known (updates without the header, content stored before history). */
    public static final String UNKNOWN = "";

    private final Map<String, AuthorChanges> authors = new LinkedHashMap<>();

    /** An empty change set. */
    public ChangeSet() {
    }

    /** The changes of one update (Yjs v1) made by {@code principal}, added to this set. */
    public ChangeSet addUpdate(String principal, byte[] updateV1) {
        return addUpdate(principal, updateV1, UpdateFormat.V1);
    }

    /** The changes of one update made by {@code principal}, added to this set. */
    public ChangeSet addUpdate(String principal, byte[] update, UpdateFormat format) {
        UpdateDecoder decoder = format.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        DeleteSet inserted = new DeleteSet();
        for (Struct s = reader.current(); s != null; s = reader.next()) {
            if (!(s instanceof Skip)) {
                inserted.add(s.client(), s.clock(), s.length());
            }
        }
        DeleteSet deleted = DeleteSet.read(decoder);
        inserted.sortAndMerge();
        return add(new AuthorChanges(principal, inserted, IdSets.copy(deleted)));
    }

    /** Adds one principal's changes. */
    public ChangeSet add(AuthorChanges changes) {
        if (changes.isEmpty()) {
            return this;
        }
        authors.merge(changes.principal(), changes, AuthorChanges::plus);
        return this;
    }

    /** Adds every change of {@code other}. */
    public ChangeSet addAll(ChangeSet other) {
        other.authors.values().forEach(this::add);
        return this;
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return authors.isEmpty();
    }

    /** The changes per principal, in the order principals first appeared. */
    public Map<String, AuthorChanges> byAuthor() {
        return Collections.unmodifiableMap(authors);
    }

    /** The principals who changed something, without {@link #UNKNOWN}. */
    public List<String> authors() {
        List<String> names = new ArrayList<>(authors.keySet());
        names.remove(UNKNOWN);
        return names;
    }

    /** Every id deleted, whoever deleted it. */
    public DeleteSet deleted() {
        List<DeleteSet> sets = new ArrayList<>();
        authors.values().forEach(a -> sets.add(a.deleted()));
        return IdSets.union(sets);
    }

    /** {@code base} advanced by every id inserted here (a state vector counts each client up to its highest clock). */
    public StateVector stateVector(StateVector base) {
        Map<Long, Long> clocks = new LinkedHashMap<>(base.asMap());
        for (AuthorChanges a : authors.values()) {
            a.inserted().clients().forEach((client, ranges) -> {
                if (ranges.size() > 0) {
                    long end = ranges.clock(ranges.size() - 1) + ranges.len(ranges.size() - 1);
                    clocks.merge(client, end, Math::max);
                }
            });
        }
        return new StateVector(clocks);
    }

    /** Who inserted the id, if it was inserted here (a named principal before {@link #UNKNOWN}). */
    public Optional<String> insertedBy(long client, long clock, long len) {
        return find(client, clock, len, true);
    }

    /** Who deleted (part of) the id range, if it was deleted here (a named principal before {@link #UNKNOWN}). */
    public Optional<String> deletedBy(long client, long clock, long len) {
        return find(client, clock, len, false);
    }

    private Optional<String> find(long client, long clock, long len, boolean insertion) {
        String unknown = null;
        for (AuthorChanges a : authors.values()) {
            if (IdSets.overlaps(insertion ? a.inserted() : a.deleted(), client, clock, len)) {
                if (!a.principal().equals(UNKNOWN)) {
                    return Optional.of(a.principal());
                }
                unknown = a.principal();
            }
        }
        return Optional.ofNullable(unknown);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeSet other
            && java.util.Arrays.equals(HistoryCodec.encodeChanges(this), HistoryCodec.encodeChanges(other));
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(HistoryCodec.encodeChanges(this));
    }

    @Override
    public String toString() {
        return "ChangeSet" + authors.keySet();
    }
}
