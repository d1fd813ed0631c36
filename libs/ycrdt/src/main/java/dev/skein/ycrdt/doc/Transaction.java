package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of change on a {@link Doc} (Yjs's {@code Transaction}). Every change happens inside one;
 * observers run and the update is emitted when the outermost one ends. Obtained from
 * {@link Doc#transact}; valid only until it ends.
 */
public final class Transaction {

    private final Doc doc;
    private final DeleteSet deleteSet = new DeleteSet();
    private final ClockMap beforeState;
    private ClockMap afterState = new ClockMap();
    private final Map<AbstractType<?>, Set<String>> changed = new LinkedHashMap<>();
    private final Map<AbstractType<?>, List<YEvent>> changedParentTypes = new LinkedHashMap<>();
    private final List<AbstractStruct> mergeStructs = new ArrayList<>();
    private final Object origin;
    /** Created on first use: most transactions need none of these. */
    private Map<Object, Object> meta;
    boolean local;
    private Set<Doc> subdocsAdded;
    private Set<Doc> subdocsRemoved;
    private Set<Doc> subdocsLoaded;
    /** Set when remote changes touched formatted text: Yjs then cleans up redundant formats. */
    boolean needFormattingCleanup;

    Transaction(Doc doc, Object origin, boolean local) {
        this.doc = doc;
        this.origin = origin;
        this.local = local;
        this.beforeState = doc.store().getStateVector();
    }

    /** The document. */
    public Doc doc() {
        return doc;
    }

    /** Ids deleted by this transaction (sorted and merged once it ends). */
    public DeleteSet deleteSet() {
        return deleteSet;
    }

    /** The state vector when the transaction started. */
    public ClockMap beforeState() {
        return beforeState;
    }

    /** The state vector when the transaction ended (empty before). */
    public ClockMap afterState() {
        return afterState;
    }

    void afterState(ClockMap s) {
        afterState = s;
    }

    /** Types changed directly, with the map keys changed ({@code null} for list content). */
    public Map<AbstractType<?>, Set<String>> changed() {
        return changed;
    }

    /** Events per type for deep observers (the type and each of its ancestors). */
    public Map<AbstractType<?>, List<YEvent>> changedParentTypes() {
        return changedParentTypes;
    }

    /** Structs to try to join with their neighbours after the transaction. */
    public List<AbstractStruct> mergeStructs() {
        return mergeStructs;
    }

    /** What the caller of {@link Doc#transact} passed as origin (null by default). */
    public Object origin() {
        return origin;
    }

    /** Free-form data for the duration of the transaction. */
    public Map<Object, Object> meta() {
        if (meta == null) {
            meta = new HashMap<>();
        }
        return meta;
    }

    /** Whether the change was made here (false while applying a remote update). */
    public boolean local() {
        return local;
    }

    /** Subdocuments added by this transaction. */
    public Set<Doc> subdocsAdded() {
        if (subdocsAdded == null) {
            subdocsAdded = new LinkedHashSet<>();
        }
        return subdocsAdded;
    }

    /** Subdocuments removed by this transaction. */
    public Set<Doc> subdocsRemoved() {
        if (subdocsRemoved == null) {
            subdocsRemoved = new LinkedHashSet<>();
        }
        return subdocsRemoved;
    }

    /** Subdocuments to be loaded. */
    public Set<Doc> subdocsLoaded() {
        if (subdocsLoaded == null) {
            subdocsLoaded = new LinkedHashSet<>();
        }
        return subdocsLoaded;
    }

    /** Whether subdocuments were added, removed or asked to load. */
    boolean hasSubdocChanges() {
        return (subdocsAdded != null && !subdocsAdded.isEmpty()) || (subdocsRemoved != null && !subdocsRemoved.isEmpty())
                || (subdocsLoaded != null && !subdocsLoaded.isEmpty());
    }

    /** Asks for Yjs's formatting cleanup after this transaction (set by text observers). */
    public void requestFormattingCleanup() {
        needFormattingCleanup = true;
    }

    /**
     * Records that {@code type} changed (under {@code parentSub}), unless the type itself was
     * created in this transaction: then it did not change, it was added.
     */
    public void addChangedType(AbstractType<?> type, String parentSub) {
        Item item = type.item();
        if (item == null || (item.clock < beforeState.get(item.client) && !item.isDeleted())) {
            changed.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(parentSub);
        }
    }

    /** Whether struct ids lie in this transaction's delete set. */
    public boolean deletes(AbstractStruct struct) {
        return deleteSet.isDeleted(struct.client, struct.clock);
    }

    /** Whether the struct was created in this transaction. */
    public boolean adds(AbstractStruct struct) {
        return struct.clock >= beforeState.get(struct.client);
    }
}
