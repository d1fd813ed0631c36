package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentEmbed;
import dev.skein.ycrdt.doc.ContentFormat;
import dev.skein.ycrdt.doc.ContentString;
import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.GC;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.ItemContent;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.doc.StructStore;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.JsObjects;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Shared rich text (Yjs's {@code Y.Text}): characters, embeds and nested types, with formatting
 * attributes kept as format marks between them. Positions and lengths count UTF-16 code units.
 */
public class YText extends AbstractType<YTextEvent> {

    private List<Runnable> pending = new ArrayList<>();

    /** A new, empty text. */
    public YText() {
        searchMarker = new ArrayList<>();
    }

    /** A new text that will hold {@code initial} once it is part of a document. */
    public YText(String initial) {
        this();
        pending.add(() -> insert(0, initial));
    }

    @Override
    public void integrate(Doc y, Item holder) {
        super.integrate(y, holder);
        List<Runnable> p = pending;
        pending = null;
        for (Runnable r : p) {
            r.run();
        }
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YText();
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.TEXT);
    }

    /** Number of UTF-16 code units (embeds and nested types count one). */
    public int length() {
        requireDoc();
        return (int) length;
    }

    @Override
    public void callObserver(Transaction transaction, Set<String> parentSubs) {
        super.callObserver(transaction, parentSubs);
        callTypeObservers(transaction, new YTextEvent(this, transaction, parentSubs));
        // remote changes may leave redundant formats: Yjs cleans them up after the transaction
        if (!transaction.local() && hasFormatting) {
            transaction.requestFormattingCleanup();
        }
    }

    /** The characters, without formatting or embeds. */
    @Override
    public String toString() {
        requireDoc();
        StringBuilder sb = new StringBuilder((int) Math.min(length, Integer.MAX_VALUE - 8));
        for (Item n = start; n != null; n = n.right()) {
            if (!n.isDeleted() && n.isCountable() && n.content() instanceof ContentString s) {
                s.appendTo(sb);
            }
        }
        return sb.toString();
    }

    /** The characters (Yjs's {@code toJSON} of text is its string). */
    @Override
    public Object toJSON() {
        return toString();
    }

    private void whenIntegrated(Runnable r) {
        if (doc != null) {
            r.run();
        } else {
            pending.add(r);
        }
    }

    /** Inserts {@code text} at {@code index} with the formatting in effect there. */
    public void insert(int index, String text) {
        insert(index, text, null);
    }

    /**
     * Inserts {@code text} at {@code index} with exactly {@code attributes} (null: the formatting
     * in effect at that position).
     */
    public void insert(int index, String text, Map<String, ?> attributes) {
        if (text.isEmpty()) {
            return;
        }
        Map<String, Object> attrs = attributes == null ? null : normalizeAttributes(attributes);
        whenIntegrated(() -> transact(t -> {
            ItemTextListPosition pos = findPosition(t, index, attrs == null);
            Map<String, Object> a = attrs;
            if (a == null) {
                a = new LinkedHashMap<>(pos.currentAttributes);
            }
            insertText(t, pos, text, a);
        }));
    }

    /** Inserts an embed (a JSON object) or a nested type at {@code index}. */
    public void insertEmbed(int index, Object embed, Map<String, ?> attributes) {
        Object e = embed instanceof AbstractType<?> ? embed : JsValues.normalize(embed);
        Map<String, Object> attrs = attributes == null ? new LinkedHashMap<>() : normalizeAttributes(attributes);
        whenIntegrated(() -> transact(t -> {
            ItemTextListPosition pos = findPosition(t, index, attributes == null);
            insertText(t, pos, e, attrs);
        }));
    }

    /** Inserts an embed without attributes. */
    public void insertEmbed(int index, Object embed) {
        insertEmbed(index, embed, null);
    }

    /** Deletes {@code len} code units from {@code index}. */
    public void delete(int index, int len) {
        if (len == 0) {
            return;
        }
        whenIntegrated(() -> transact(t -> deleteText(t, findPosition(t, index, true), len)));
    }

    /** Sets {@code attributes} on {@code len} code units from {@code index} (null values remove). */
    public void format(int index, int len, Map<String, ?> attributes) {
        if (len == 0) {
            return;
        }
        Map<String, Object> attrs = normalizeAttributes(attributes);
        whenIntegrated(() -> transact(t -> {
            ItemTextListPosition pos = findPosition(t, index, false);
            if (pos.right == null) {
                return;
            }
            formatText(t, pos, len, attrs);
        }));
    }

    /** Applies a rich-text delta (Yjs's {@code applyDelta}, {@code sanitize} on). */
    public void applyDelta(List<Delta> delta) {
        applyDelta(delta, true);
    }

    /**
     * Applies a rich-text delta. With {@code sanitize} false a trailing newline of the last insert
     * at the end of the text is dropped (Yjs's behaviour, whose flag reads inverted).
     */
    public void applyDelta(List<Delta> delta, boolean sanitize) {
        whenIntegrated(() -> transact(t -> {
            ItemTextListPosition currPos = new ItemTextListPosition(null, start, 0, new LinkedHashMap<>());
            for (int i = 0; i < delta.size(); i++) {
                Delta op = delta.get(i);
                if (op instanceof Delta.Insert ins) {
                    Object v = ins.insert();
                    if (!sanitize && v instanceof String s && i == delta.size() - 1 && currPos.right == null && s.endsWith("\n")) {
                        v = s.substring(0, s.length() - 1);
                    }
                    if (!(v instanceof String s2) || !s2.isEmpty()) {
                        Object content = v instanceof AbstractType<?> || v instanceof String ? v : JsValues.normalize(v);
                        insertText(t, currPos, content, ins.attributes() == null ? new LinkedHashMap<>() : normalizeAttributes(ins.attributes()));
                    }
                } else if (op instanceof Delta.Retain r) {
                    formatText(t, currPos, r.retain(), r.attributes() == null ? new LinkedHashMap<>() : normalizeAttributes(r.attributes()));
                } else if (op instanceof Delta.Delete d) {
                    deleteText(t, currPos, d.delete());
                }
            }
        }));
    }

    private static Map<String, Object> normalizeAttributes(Map<String, ?> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k, JsValues.normalize(v)));
        return out;
    }

    /** Sets a text-level attribute (not formatting: a map entry of the text type). */
    public void setAttribute(String name, Object value) {
        Object v = normalizeMapValue(value);
        whenIntegrated(() -> transact(t -> mapSet(t, name, v)));
    }

    /** Removes a text-level attribute. */
    public void removeAttribute(String name) {
        whenIntegrated(() -> transact(t -> mapDelete(t, name)));
    }

    /** A text-level attribute, or undefined. */
    public Object getAttribute(String name) {
        return mapGet(name);
    }

    /** All text-level attributes. */
    public Map<String, Object> getAttributes() {
        return mapGetAll();
    }

    // ---------------------------------------------------------------- delta output

    /** The content as a rich-text delta: inserts of strings, embeds and types with attributes. */
    public List<Delta> toDelta() {
        return toDelta(null, null, null);
    }

    /**
     * The content as of {@code snapshot} (null: now); with {@code prevSnapshot}, what changed
     * between them is marked with a {@code ychange} attribute ({@code computeYChange} builds its
     * value from "removed"/"added" and the item id; null: {@code {type}}).
     */
    public List<Delta> toDelta(Snapshot snapshot, Snapshot prevSnapshot,
                               BiFunction<String, dev.skein.ycrdt.id.Id, Object> computeYChange) {
        requireDoc();
        List<Delta> ops = new ArrayList<>();
        Runnable compute = () -> computeDelta(ops, snapshot, prevSnapshot, computeYChange);
        if (snapshot != null || prevSnapshot != null) {
            doc.transact(t -> {
                if (snapshot != null) {
                    Snapshot.splitAffectedStructs(t, snapshot);
                }
                if (prevSnapshot != null) {
                    Snapshot.splitAffectedStructs(t, prevSnapshot);
                }
                compute.run();
            }, "cleanup");
        } else {
            compute.run();
        }
        return ops;
    }

    private static boolean isVisible(Item n, Snapshot s) {
        return s == null ? !n.isDeleted() : s.isVisible(n);
    }

    private void computeDelta(List<Delta> ops, Snapshot snapshot, Snapshot prevSnapshot,
                              BiFunction<String, dev.skein.ycrdt.id.Id, Object> computeYChange) {
        Map<String, Object> currentAttributes = new LinkedHashMap<>();
        StringBuilder str = new StringBuilder();
        Runnable packStr = () -> {
            if (str.length() > 0) {
                Map<String, Object> attributes = null;
                if (!currentAttributes.isEmpty()) {
                    attributes = new LinkedHashMap<>(currentAttributes);
                }
                ops.add(new Delta.Insert(str.toString(), attributes));
                str.setLength(0);
            }
        };
        for (Item n = start; n != null; n = n.right()) {
            if (!(isVisible(n, snapshot) || (prevSnapshot != null && isVisible(n, prevSnapshot)))) {
                continue;
            }
            ItemContent c = n.content();
            if (c instanceof ContentString s) {
                Object cur = currentAttributes.containsKey("ychange") ? currentAttributes.get("ychange") : Any.UNDEFINED;
                if (snapshot != null && !isVisible(n, snapshot)) {
                    if (cur == Any.UNDEFINED || !JsValues.strictEquals(JsValues.property(cur, "user"), (double) n.client())
                            || !JsValues.strictEquals(JsValues.property(cur, "type"), "removed")) {
                        packStr.run();
                        currentAttributes.put("ychange", computeYChange != null ? computeYChange.apply("removed", n.id())
                                : new LinkedHashMap<>(Map.of("type", "removed")));
                    }
                } else if (prevSnapshot != null && !isVisible(n, prevSnapshot)) {
                    if (cur == Any.UNDEFINED || !JsValues.strictEquals(JsValues.property(cur, "user"), (double) n.client())
                            || !JsValues.strictEquals(JsValues.property(cur, "type"), "added")) {
                        packStr.run();
                        currentAttributes.put("ychange", computeYChange != null ? computeYChange.apply("added", n.id())
                                : new LinkedHashMap<>(Map.of("type", "added")));
                    }
                } else if (cur != Any.UNDEFINED) {
                    packStr.run();
                    currentAttributes.remove("ychange");
                }
                s.appendTo(str);
            } else if (c instanceof ContentType || c instanceof ContentEmbed) {
                packStr.run();
                Map<String, Object> attrs = currentAttributes.isEmpty() ? null : new LinkedHashMap<>(currentAttributes);
                ops.add(new Delta.Insert(c.getContent().get(0), attrs));
            } else if (c instanceof ContentFormat f) {
                if (isVisible(n, snapshot)) {
                    packStr.run();
                    ItemTextListPosition.updateCurrentAttributes(currentAttributes, f);
                }
            }
        }
        packStr.run();
    }

    // ---------------------------------------------------------------- positions and edits

    private ItemTextListPosition findPosition(Transaction transaction, long index, boolean useSearchMarker) {
        Map<String, Object> currentAttributes = new LinkedHashMap<>();
        ArraySearchMarker marker = useSearchMarker ? ArraySearchMarker.find(this, index) : null;
        if (marker != null) {
            ItemTextListPosition pos = new ItemTextListPosition(marker.p.left(), marker.p, marker.index, currentAttributes);
            return findNextPosition(transaction, pos, index - marker.index);
        }
        ItemTextListPosition pos = new ItemTextListPosition(null, start, 0, currentAttributes);
        return findNextPosition(transaction, pos, index);
    }

    private ItemTextListPosition findNextPosition(Transaction transaction, ItemTextListPosition pos, long count) {
        StructStore store = doc.store();
        while (pos.right != null && count > 0) {
            if (pos.right.content() instanceof ContentFormat f) {
                if (!pos.right.isDeleted()) {
                    ItemTextListPosition.updateCurrentAttributes(pos.currentAttributes, f);
                }
            } else if (!pos.right.isDeleted()) {
                if (count < pos.right.length()) {
                    store.getItemCleanStart(transaction, pos.right.client(), pos.right.clock() + count);
                }
                pos.index += pos.right.length();
                count -= pos.right.length();
            }
            pos.left = pos.right;
            pos.right = pos.right.right();
        }
        return pos;
    }

    private static Object attr(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == Any.UNDEFINED ? null : v;
    }

    private void insertNegatedAttributes(Transaction transaction, ItemTextListPosition currPos,
                                         Map<String, Object> negatedAttributes) {
        while (currPos.right != null && (currPos.right.isDeleted()
                || (currPos.right.content() instanceof ContentFormat f
                && JsValues.equalAttrs(negatedAttributes.containsKey(f.key()) ? negatedAttributes.get(f.key()) : Any.UNDEFINED, f.value())))) {
            if (!currPos.right.isDeleted()) {
                negatedAttributes.remove(((ContentFormat) currPos.right.content()).key());
            }
            currPos.forward();
        }
        for (Map.Entry<String, Object> e : negatedAttributes.entrySet()) {
            currPos.right = Item.insert(transaction, currPos.left, currPos.right, this, null,
                    new ContentFormat(e.getKey(), e.getValue()));
            currPos.forward();
        }
    }

    private static void minimizeAttributeChanges(ItemTextListPosition currPos, Map<String, Object> attributes) {
        while (currPos.right != null) {
            if (currPos.right.isDeleted() || (currPos.right.content() instanceof ContentFormat f
                    && JsValues.equalAttrs(attr(attributes, f.key()), f.value()))) {
                currPos.forward();
            } else {
                break;
            }
        }
    }

    private Map<String, Object> insertAttributes(Transaction transaction, ItemTextListPosition currPos,
                                                 Map<String, Object> attributes) {
        Map<String, Object> negatedAttributes = new LinkedHashMap<>();
        for (String key : JsObjects.keys(attributes)) {
            Object val = attributes.get(key);
            Object currentVal = currPos.currentAttributes.get(key);
            if (!JsValues.equalAttrs(currentVal, val)) {
                negatedAttributes.put(key, currentVal);
                currPos.right = Item.insert(transaction, currPos.left, currPos.right, this, null, new ContentFormat(key, val));
                currPos.forward();
            }
        }
        return negatedAttributes;
    }

    private void insertText(Transaction transaction, ItemTextListPosition currPos, Object text, Map<String, Object> attributes) {
        for (String key : currPos.currentAttributes.keySet()) {
            if (!attributes.containsKey(key) || attributes.get(key) == Any.UNDEFINED) {
                attributes.put(key, null);
            }
        }
        minimizeAttributeChanges(currPos, attributes);
        Map<String, Object> negatedAttributes = insertAttributes(transaction, currPos, attributes);
        ItemContent content = text instanceof String s ? newString(s)
                : text instanceof AbstractType<?> t ? new ContentType(t) : newEmbed(text);
        long index = currPos.index;
        if (searchMarker != null) {
            ArraySearchMarker.updateMarkerChanges(searchMarker, currPos.index, content.length());
        }
        Item right = Item.insert(transaction, currPos.left, currPos.right, this, null, content);
        currPos.right = right;
        currPos.index = index;
        currPos.forward();
        insertNegatedAttributes(transaction, currPos, negatedAttributes);
    }

    private static ItemContent newString(String s) {
        return new ContentString(s);
    }

    private static ItemContent newEmbed(Object e) {
        return new ContentEmbed(e);
    }

    private void formatText(Transaction transaction, ItemTextListPosition currPos, long len, Map<String, Object> attributes) {
        minimizeAttributeChanges(currPos, attributes);
        Map<String, Object> negatedAttributes = insertAttributes(transaction, currPos, attributes);
        StructStore store = doc.store();
        iteration:
        while (currPos.right != null && (len > 0 || (!negatedAttributes.isEmpty()
                && (currPos.right.isDeleted() || currPos.right.content() instanceof ContentFormat)))) {
            if (!currPos.right.isDeleted()) {
                if (currPos.right.content() instanceof ContentFormat f) {
                    String key = f.key();
                    Object value = f.value();
                    if (attributes.containsKey(key) && attributes.get(key) != Any.UNDEFINED) {
                        Object a = attributes.get(key);
                        if (JsValues.equalAttrs(a, value)) {
                            negatedAttributes.remove(key);
                        } else {
                            if (len == 0) {
                                break iteration;
                            }
                            negatedAttributes.put(key, value);
                        }
                        currPos.right.delete(transaction);
                    } else {
                        currPos.currentAttributes.put(key, value);
                    }
                } else {
                    if (len < currPos.right.length()) {
                        store.getItemCleanStart(transaction, currPos.right.client(), currPos.right.clock() + len);
                    }
                    len -= currPos.right.length();
                }
            }
            currPos.forward();
        }
        // Quill expects text to end with a newline; formatting past the end adds them
        if (len > 0) {
            currPos.right = Item.insert(transaction, currPos.left, currPos.right, this, null, newString("\n".repeat((int) len)));
            currPos.forward();
        }
        insertNegatedAttributes(transaction, currPos, negatedAttributes);
    }

    private void deleteText(Transaction transaction, ItemTextListPosition currPos, long len) {
        long startLength = len;
        Map<String, Object> startAttrs = new LinkedHashMap<>(currPos.currentAttributes);
        Item startItem = currPos.right;
        StructStore store = doc.store();
        while (len > 0 && currPos.right != null) {
            Item r = currPos.right;
            if (!r.isDeleted()) {
                ItemContent c = r.content();
                if (c instanceof ContentType || c instanceof ContentEmbed || c instanceof ContentString) {
                    if (len < r.length()) {
                        store.getItemCleanStart(transaction, r.client(), r.clock() + len);
                    }
                    len -= r.length();
                    r.delete(transaction);
                }
            }
            currPos.forward();
        }
        if (startItem != null) {
            cleanupFormattingGap(transaction, startItem, currPos.right, startAttrs, currPos.currentAttributes);
        }
        Item any = currPos.left != null ? currPos.left : currPos.right;
        AbstractType<?> parent = any == null ? this : any.parent();
        if (parent.searchMarker != null) {
            ArraySearchMarker.updateMarkerChanges(parent.searchMarker, currPos.index, -startLength + len);
        }
    }

    // ---------------------------------------------------------------- formatting cleanup

    private static int cleanupFormattingGap(Transaction transaction, Item start, Item curr,
                                            Map<String, Object> startAttributes, Map<String, Object> currAttributes) {
        Item end = start;
        Map<String, ContentFormat> endFormats = new LinkedHashMap<>();
        while (end != null && (!end.isCountable() || end.isDeleted())) {
            if (!end.isDeleted() && end.content() instanceof ContentFormat cf) {
                endFormats.put(cf.key(), cf);
            }
            end = end.right();
        }
        int cleanups = 0;
        boolean reachedCurr = false;
        while (start != end) {
            if (curr == start) {
                reachedCurr = true;
            }
            if (!start.isDeleted() && start.content() instanceof ContentFormat f) {
                String key = f.key();
                Object value = f.value();
                Object startAttrValue = startAttributes.get(key);
                if (endFormats.get(key) != f || JsValues.strictEquals(startAttrValue, value)) {
                    // overwritten further on, or the attribute had this value already
                    start.delete(transaction);
                    cleanups++;
                    if (!reachedCurr && JsValues.strictEquals(currAttributes.get(key), value)
                            && !JsValues.strictEquals(startAttrValue, value)) {
                        if (startAttrValue == null) {
                            currAttributes.remove(key);
                        } else {
                            currAttributes.put(key, startAttrValue);
                        }
                    }
                }
                if (!reachedCurr && !start.isDeleted()) {
                    ItemTextListPosition.updateCurrentAttributes(currAttributes, f);
                }
            }
            start = start.right();
        }
        return cleanups;
    }

    private static void cleanupContextlessFormattingGap(Transaction transaction, Item item) {
        while (item != null && item.right() != null && (item.right().isDeleted() || !item.right().isCountable())) {
            item = item.right();
        }
        Set<String> attrs = new HashSet<>();
        while (item != null && (item.isDeleted() || !item.isCountable())) {
            if (!item.isDeleted() && item.content() instanceof ContentFormat f) {
                if (attrs.contains(f.key())) {
                    item.delete(transaction);
                } else {
                    attrs.add(f.key());
                }
            }
            item = item.left();
        }
    }

    /**
     * Removes every redundant format mark of {@code type} (Yjs's {@code cleanupYTextFormatting});
     * returns how many were removed.
     */
    public static int cleanupYTextFormatting(AbstractType<?> type) {
        int[] res = {0};
        type.doc().transact(transaction -> {
            Item start = type.start();
            Item end = type.start();
            Map<String, Object> startAttributes = new LinkedHashMap<>();
            Map<String, Object> currentAttributes = new LinkedHashMap<>(startAttributes);
            while (end != null) {
                if (!end.isDeleted()) {
                    if (end.content() instanceof ContentFormat f) {
                        ItemTextListPosition.updateCurrentAttributes(currentAttributes, f);
                    } else {
                        res[0] += cleanupFormattingGap(transaction, start, end, startAttributes, currentAttributes);
                        startAttributes = new LinkedHashMap<>(currentAttributes);
                        start = end;
                    }
                }
                end = end.right();
            }
        });
        return res[0];
    }

    /**
     * Low-level: after a remote change to formatted text, removes the format marks it made
     * redundant, in a new transaction (Yjs's {@code cleanupYTextAfterTransaction}); replicas that
     * skip this emit different updates.
     */
    public static void cleanupAfterTransaction(Transaction transaction) {
        Set<AbstractType<?>> needFullCleanup = Collections.newSetFromMap(new IdentityHashMap<>());
        List<AbstractType<?>> order = new ArrayList<>();
        Doc doc = transaction.doc();
        var after = transaction.afterState();
        for (int i = 0; i < after.size(); i++) {
            long client = after.clientAt(i);
            long afterClock = after.clockAt(i);
            long clock = transaction.beforeState().get(client);
            if (afterClock == clock) {
                continue;
            }
            // Yjs passes the end clock as the length here; the range runs to the end either way
            doc.store().iterate(transaction, client, clock, afterClock, item -> {
                if (!item.isDeleted() && item instanceof Item it && it.content() instanceof ContentFormat) {
                    if (needFullCleanup.add(it.parent())) {
                        order.add(it.parent());
                    }
                }
            });
        }
        doc.transact(t -> {
            doc.store().iterateDeleted(transaction, transaction.deleteSet(), s -> {
                if (s instanceof GC || !(s instanceof Item item)) {
                    return;
                }
                AbstractType<?> parent = item.parent();
                if (!parent.hasFormatting || needFullCleanup.contains(parent)) {
                    return;
                }
                if (item.content() instanceof ContentFormat) {
                    needFullCleanup.add(parent);
                    order.add(parent);
                } else {
                    cleanupContextlessFormattingGap(t, item);
                }
            });
            for (AbstractType<?> yText : order) {
                cleanupYTextFormatting(yText);
            }
        });
    }
}
