package dev.skein.storage.history;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two versions, and who changed it, as JSON-ready values:
 *
 * <pre>
 * {"from": V, "to": W, "authors": [principals who changed something after V up to W, sorted],
 *  "roots": {NAME: {"type": "text", "delta": [...]},          texts: yjs's toDelta(to, from)
 *            NAME: {"type": "map"|"array"|"xml", "from": …, "to": …}}}
 * </pre>
 *
 * A text's delta is what yjs's {@code YText.toDelta(snapshotTo, snapshotFrom, computeYChange)}
 * gives on a document holding both versions (as y-prosemirror shows versions): the text of both,
 * inserts only, what only one of them shows marked with a {@code ychange} attribute
 * {@code {"type": "added"|"removed", "user": clientId, "by": principal}}; {@code by} is who
 * inserted (added) or deleted (removed) it, empty when not known.
 */
public final class VersionDiff {

    private VersionDiff() {
    }

    /**
     * The difference from version {@code from} to the later version {@code to}.
     *
     * @param history the document's versions (both must be among them)
     * @param origin a document without garbage collection holding the stored content with deleted
     *     content kept ({@link PastStates#origin}); changed by the call (structs split), so use it once
     * @param roots the roots to compare; empty for every root whose type its content tells
     * @throws IllegalArgumentException if {@code from} is not older than {@code to} or either is not a version
     */
    public static Map<String, Object> between(DocumentHistory history, Doc origin, long from, long to,
            List<RootSpec> roots) {
        if (from >= to) {
            throw new IllegalArgumentException("a diff goes from an older version to a newer one");
        }
        Snapshot before = PastStates.bounded(origin, history.snapshot(from)
            .orElseThrow(() -> new IllegalArgumentException("no version " + from)));
        Snapshot after = PastStates.bounded(origin, history.snapshot(to)
            .orElseThrow(() -> new IllegalArgumentException("no version " + to)));
        ChangeSet changes = history.changesBetween(from, to);
        List<RootSpec> shown = roots.isEmpty() ? DocumentJson.inferred(origin) : roots;
        Doc then = null;
        Doc now = null;
        Map<String, Object> diffs = new LinkedHashMap<>();
        for (RootSpec root : shown) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("type", root.typeName());
            if (root.kind() == RootKind.TEXT) {
                YText text = (YText) root.in(origin);
                List<Object> delta = new ArrayList<>();
                for (Delta op : text.toDelta(after, before, (type, id) -> change(changes, type, id))) {
                    delta.add(op.toJSON());
                }
                diff.put("delta", delta);
            } else {
                // PastStates.at copies what a snapshot shows out of origin; it only splits structs there
                then = then == null ? PastStates.at(origin, before) : then;
                now = now == null ? PastStates.at(origin, after) : now;
                diff.put("from", root.in(then).toJSON());
                diff.put("to", root.in(now).toJSON());
            }
            diffs.put(root.name(), diff);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", (double) from);
        json.put("to", (double) to);
        json.put("authors", changes.authors().stream().sorted().toList());
        json.put("roots", diffs);
        return json;
    }

    /** The ychange mark of a run of one client's items: yjs's type and user, and who did it. */
    private static Object change(ChangeSet changes, String type, Id id) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("type", type);
        change.put("user", (double) id.client());
        String by = type.equals("added") ? changes.insertedBy(id.client(), id.clock(), 1).orElse(ChangeSet.UNKNOWN)
            : changes.deletedBy(id.client(), id.clock(), 1).orElse(ChangeSet.UNKNOWN);
        change.put("by", by);
        return change;
    }
}
