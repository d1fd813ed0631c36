package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentAny;
import dev.skein.ycrdt.doc.ContentBinary;
import dev.skein.ycrdt.doc.ContentDoc;
import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.ItemContent;
import dev.skein.ycrdt.doc.Listeners;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.doc.Subscription;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The base of every shared type (Yjs's {@code AbstractType}): list content as a linked list of
 * items, map content as one list of values per key, observers. A root that is only known from
 * updates stays a plain {@code AbstractType} ({@link #isUntyped()}) until it is asked for with a
 * type ({@link Doc#getText} etc.), as in Yjs.
 *
 * <p>The methods documented as low-level are the document model's internals, public because the
 * model spans two packages; application code uses the typed operations of the subclasses.
 *
 * @param <E> the event type observers receive
 */
public class AbstractType<E extends YEvent> {

    Item item;
    private Map<String, Item> map = new LinkedHashMap<>();
    Item start;
    Doc doc;
    long length;
    final Listeners<Consumer<E>> eventHandlers = new Listeners<>();
    final Listeners<Consumer<List<YEvent>>> deepEventHandlers = new Listeners<>();
    /** Index lookup cache; null where Yjs keeps none (maps, XML, formatted text). */
    List<ArraySearchMarker> searchMarker;
    private String rootName;
    boolean hasFormatting;

    /** For subclasses. */
    protected AbstractType() {
    }

    /** A root type of unknown kind (what an update names without saying its type). */
    public static AbstractType<YEvent> untyped() {
        return new AbstractType<>();
    }

    /** A new, empty type for a type ref of an update ({@code name}: XML node or hook name). */
    public static AbstractType<?> fromTypeRef(int typeRef, String name) {
        switch (typeRef) {
            case dev.skein.ycrdt.struct.ContentType.ARRAY:
                return new YArray();
            case dev.skein.ycrdt.struct.ContentType.MAP:
                return new YMap();
            case dev.skein.ycrdt.struct.ContentType.TEXT:
                return new YText();
            case dev.skein.ycrdt.struct.ContentType.XML_ELEMENT:
                return new YXmlElement(name);
            case dev.skein.ycrdt.struct.ContentType.XML_FRAGMENT:
                return new YXmlFragment();
            case dev.skein.ycrdt.struct.ContentType.XML_HOOK:
                return new YXmlHook(name);
            case dev.skein.ycrdt.struct.ContentType.XML_TEXT:
                return new YXmlText();
            default:
                throw new IllegalArgumentException("unknown type ref " + typeRef);
        }
    }

    /** Whether this is a root of unknown kind. */
    public boolean isUntyped() {
        return getClass() == AbstractType.class;
    }

    /** The document, or null before the type is part of one. */
    public Doc doc() {
        return doc;
    }

    /** The item holding this type in its parent, or null for a root type. */
    public Item item() {
        return item;
    }

    /** The parent type, or null for a root type. */
    public AbstractType<?> parent() {
        return item == null ? null : item.parent();
    }

    /** The root name, or null for a nested type. */
    public String rootName() {
        return rootName;
    }

    /** Low-level: the first item of the list content (deleted ones included), or null. */
    public Item start() {
        return start;
    }

    /** Low-level: sets the first item. */
    public void setStart(Item first) {
        start = first;
    }

    /** Low-level: the current (last) item of each map key, in the order keys first appeared. */
    public Map<String, Item> itemMap() {
        return map;
    }

    /** Low-level: forgets the map content (after garbage collection). */
    public void clearItemMap() {
        map = new LinkedHashMap<>();
    }

    /** Low-level: the number of countable, undeleted list elements. */
    public long rawLength() {
        return length;
    }

    /** Low-level: changes {@link #rawLength()}. */
    public void adjustLength(long delta) {
        length += delta;
    }

    /** The first item that is not deleted, or null. */
    public Item first() {
        Item n = start;
        while (n != null && n.isDeleted()) {
            n = n.right();
        }
        return n;
    }

    /** Low-level: the type becomes part of {@code y}, held by {@code holder} (null for a root). */
    public void integrate(Doc y, Item holder) {
        this.doc = y;
        this.item = holder;
    }

    /** Low-level: the type becomes root {@code name} of {@code y}. */
    public void integrateRoot(Doc y, String name) {
        this.rootName = name;
        integrate(y, null);
    }

    /**
     * Low-level: takes over the content of an untyped root (Yjs's {@code Doc.get} turning an
     * {@code AbstractType} into the requested type).
     */
    public void adoptContent(AbstractType<?> untyped) {
        map = untyped.map;
        for (Item n : map.values()) {
            for (; n != null; n = n.left()) {
                n.setParent(this);
            }
        }
        start = untyped.start;
        for (Item n = start; n != null; n = n.right()) {
            n.setParent(this);
        }
        length = untyped.length;
    }

    /** Low-level: an empty type of the same kind (Yjs's {@code _copy}). */
    public AbstractType<?> copyEmpty() {
        throw new UnsupportedOperationException("an untyped root cannot be copied");
    }

    /** Low-level: writes the type ref (and node name) of this kind. */
    public void writeTypeRef(UpdateEncoder encoder) {
        // an untyped root is never nested, so it is never written
    }

    /** Low-level: creates this type's event for a transaction and calls the observers. */
    public void callObserver(Transaction transaction, Set<String> parentSubs) {
        if (!transaction.local() && searchMarker != null) {
            searchMarker.clear();
        }
    }

    /**
     * Records {@code event} for the deep observers of this type and its ancestors, then calls
     * this type's observers (Yjs's {@code callTypeObservers}).
     */
    void callTypeObservers(Transaction transaction, E event) {
        AbstractType<?> type = this;
        while (true) {
            transaction.changedParentTypes().computeIfAbsent(type, t -> new ArrayList<>()).add(event);
            if (type.item == null) {
                break;
            }
            type = type.item.parent();
        }
        eventHandlers.emit(l -> l.accept(event));
    }

    /** Low-level: whether deep observers are registered. */
    public boolean hasDeepObservers() {
        return !deepEventHandlers.isEmpty();
    }

    /** Low-level: calls the deep observers. */
    public void callDeepObservers(List<YEvent> events, Transaction transaction) {
        List<YEvent> view = Collections.unmodifiableList(events);
        deepEventHandlers.emit(l -> l.accept(view));
    }

    /** Low-level: a formatting item was integrated into this type. */
    public void formattingIntegrated() {
        searchMarker = null;
        hasFormatting = true;
    }

    /** Low-level: item {@code left} absorbed {@code right}; search markers follow. */
    public void itemMerged(Item left, Item right) {
        if (searchMarker != null) {
            ArraySearchMarker.itemMerged(searchMarker, left, right);
        }
    }

    /** Observes changes of this type: called once per transaction that changed it. */
    public Subscription observe(Consumer<E> f) {
        return eventHandlers.add(f);
    }

    /** Observes changes of this type and every type nested in it: one call per transaction. */
    public Subscription observeDeep(Consumer<List<YEvent>> f) {
        return deepEventHandlers.add(f);
    }

    /** Removes an observer registered with {@link #observe}. */
    public boolean unobserve(Consumer<E> f) {
        return eventHandlers.remove(f);
    }

    /** Removes an observer registered with {@link #observeDeep}. */
    public boolean unobserveDeep(Consumer<List<YEvent>> f) {
        return deepEventHandlers.remove(f);
    }

    /**
     * The content as JSON-ready values (lists, maps, strings, doubles, booleans, null, byte
     * arrays). An untyped root has none: {@link Any#UNDEFINED}, which JSON output omits.
     */
    public Object toJSON() {
        return Any.UNDEFINED;
    }

    /** The content as JSON text, as Node's {@code JSON.stringify(type.toJSON())} prints it. */
    public String toJSONString() {
        String s = dev.skein.ycrdt.lib0.Json.stringify(toJSON());
        return s == null ? "undefined" : s;
    }

    @Override
    public String toString() {
        return "[object Object]";
    }

    void requireDoc() {
        if (doc == null) {
            throw new IllegalStateException("Invalid access: Add Yjs type to a document before reading data.");
        }
    }

    // ---------------------------------------------------------------- list content (typeList*)

    /** The visible values from {@code start} (inclusive) to {@code end} (exclusive); negative = from the end. */
    List<Object> listSlice(long start, long end) {
        requireDoc();
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        long len = end - start;
        List<Object> cs = new ArrayList<>();
        for (Item n = this.start; n != null && len > 0; n = n.right()) {
            if (n.isCountable() && !n.isDeleted()) {
                List<Object> c = n.content().getContent();
                if (c.size() <= start) {
                    start -= c.size();
                } else {
                    for (long i = start; i < c.size() && len > 0; i++) {
                        cs.add(c.get((int) i));
                        len--;
                    }
                    start = 0;
                }
            }
        }
        return cs;
    }

    /** Every visible list value. */
    List<Object> listToArray() {
        requireDoc();
        List<Object> cs = new ArrayList<>();
        for (Item n = start; n != null; n = n.right()) {
            if (n.isCountable() && !n.isDeleted()) {
                cs.addAll(n.content().getContent());
            }
        }
        return cs;
    }

    /** Every list value visible in {@code snapshot}. */
    List<Object> listToArraySnapshot(Snapshot snapshot) {
        List<Object> cs = new ArrayList<>();
        for (Item n = start; n != null; n = n.right()) {
            if (n.isCountable() && snapshot.isVisible(n)) {
                cs.addAll(n.content().getContent());
            }
        }
        return cs;
    }

    /** The list value at {@code index}, or undefined. */
    Object listGet(long index) {
        requireDoc();
        ArraySearchMarker marker = ArraySearchMarker.find(this, index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
        }
        for (; n != null; n = n.right()) {
            if (!n.isDeleted() && n.isCountable()) {
                if (index < n.length()) {
                    return n.content().getContent().get((int) index);
                }
                index -= n.length();
            }
        }
        return Any.UNDEFINED;
    }

    /** Inserts values after {@code referenceItem} (null: at the start); runs of JSON values share an item. */
    void listInsertGenericsAfter(Transaction transaction, Item referenceItem, List<Object> content) {
        Item left = referenceItem;
        Item right = referenceItem == null ? start : referenceItem.right();
        List<Object> json = new ArrayList<>();
        for (Object c : content) {
            if (isJsonValue(c)) {
                json.add(c);
                continue;
            }
            if (!json.isEmpty()) {
                left = Item.insert(transaction, left, right, this, null, new ContentAny(json));
                json = new ArrayList<>();
            }
            left = Item.insert(transaction, left, right, this, null, nonJsonContent(c));
        }
        if (!json.isEmpty()) {
            Item.insert(transaction, left, right, this, null, new ContentAny(json));
        }
    }

    private static boolean isJsonValue(Object c) {
        return c == null || c instanceof Double || c instanceof String || c instanceof Boolean || c instanceof List
                || c instanceof Map;
    }

    private static ItemContent nonJsonContent(Object c) {
        if (c instanceof byte[] b) {
            return new ContentBinary(b);
        }
        if (c instanceof Doc d) {
            return new ContentDoc(d);
        }
        if (c instanceof AbstractType<?> t) {
            return new ContentType(t);
        }
        throw new IllegalArgumentException("Unexpected content type in insert operation: "
                + (c == null ? "null" : c == Any.UNDEFINED ? "undefined" : c.getClass().getName()));
    }

    /** Values as they are stored: JSON-like values normalised, types, subdocuments and bytes kept. */
    static List<Object> normalizeContent(List<?> content) {
        List<Object> out = new ArrayList<>(content.size());
        for (Object c : content) {
            if (c instanceof AbstractType<?> || c instanceof Doc || c instanceof byte[]) {
                out.add(c);
            } else if (c == Any.UNDEFINED || c instanceof BigInteger) {
                throw new IllegalArgumentException("Unexpected content type in insert operation: " + c);
            } else {
                out.add(JsValues.normalize(c));
            }
        }
        return out;
    }

    /** Inserts {@code content} at list index {@code index} (Yjs's {@code typeListInsertGenerics}). */
    void listInsertGenerics(Transaction transaction, long index, List<Object> content) {
        if (index > length) {
            throw new IndexOutOfBoundsException("Length exceeded!");
        }
        if (index == 0) {
            if (searchMarker != null) {
                ArraySearchMarker.updateMarkerChanges(searchMarker, index, content.size());
            }
            listInsertGenericsAfter(transaction, null, content);
            return;
        }
        long startIndex = index;
        ArraySearchMarker marker = ArraySearchMarker.find(this, index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
            if (index == 0) {
                // step back to the visible item before, so that the loop below can stop after it
                n = n.prev();
                index += (n != null && n.isCountable() && !n.isDeleted()) ? n.length() : 0;
            }
        }
        for (; n != null; n = n.right()) {
            if (!n.isDeleted() && n.isCountable()) {
                if (index <= n.length()) {
                    if (index < n.length()) {
                        doc.store().getItemCleanStart(transaction, n.client(), n.clock() + index);
                    }
                    break;
                }
                index -= n.length();
            }
        }
        if (searchMarker != null) {
            ArraySearchMarker.updateMarkerChanges(searchMarker, startIndex, content.size());
        }
        listInsertGenericsAfter(transaction, n, content);
    }

    /** Appends after the last item (Yjs's {@code typeListPushGenerics}). */
    void listPushGenerics(Transaction transaction, List<Object> content) {
        Item n = start;
        long maxIndex = 0;
        if (searchMarker != null) {
            for (ArraySearchMarker m : searchMarker) {
                if (m.index > maxIndex) {
                    maxIndex = m.index;
                    n = m.p;
                }
            }
        }
        if (n != null) {
            while (n.right() != null) {
                n = n.right();
            }
        }
        listInsertGenericsAfter(transaction, n, content);
    }

    /** Deletes {@code len} list elements from {@code index} (Yjs's {@code typeListDelete}). */
    void listDelete(Transaction transaction, long index, long len) {
        if (len == 0) {
            return;
        }
        long startIndex = index;
        long startLength = len;
        ArraySearchMarker marker = ArraySearchMarker.find(this, index);
        Item n = start;
        if (marker != null) {
            n = marker.p;
            index -= marker.index;
        }
        for (; n != null && index > 0; n = n.right()) {
            if (!n.isDeleted() && n.isCountable()) {
                if (index < n.length()) {
                    doc.store().getItemCleanStart(transaction, n.client(), n.clock() + index);
                }
                index -= n.length();
            }
        }
        while (len > 0 && n != null) {
            if (!n.isDeleted()) {
                if (len < n.length()) {
                    doc.store().getItemCleanStart(transaction, n.client(), n.clock() + len);
                }
                n.delete(transaction);
                len -= n.length();
            }
            n = n.right();
        }
        if (len > 0) {
            throw new IndexOutOfBoundsException("Length exceeded!");
        }
        if (searchMarker != null) {
            ArraySearchMarker.updateMarkerChanges(searchMarker, startIndex, -startLength + len);
        }
    }

    // ---------------------------------------------------------------- map content (typeMap*)

    /** Deletes map key {@code key}. */
    void mapDelete(Transaction transaction, String key) {
        Item c = map.get(key);
        if (c != null) {
            c.delete(transaction);
        }
    }

    /** Sets map key {@code key} (Yjs's {@code typeMapSet}); {@code value} is already normalised. */
    void mapSet(Transaction transaction, String key, Object value) {
        Item left = map.get(key);
        ItemContent content;
        if (value == null || value == Any.UNDEFINED || value instanceof Double || value instanceof String
                || value instanceof Boolean || value instanceof List || value instanceof Map || value instanceof BigInteger) {
            List<Object> one = new ArrayList<>(1);
            one.add(value);
            content = new ContentAny(one);
        } else if (value instanceof byte[] b) {
            content = new ContentBinary(b);
        } else if (value instanceof Doc d) {
            content = new ContentDoc(d);
        } else if (value instanceof AbstractType<?> t) {
            content = new ContentType(t);
        } else {
            throw new IllegalArgumentException("Unexpected content type: " + value.getClass().getName());
        }
        Item.insert(transaction, left, null, this, key, content);
    }

    /** Normalises a value for {@link #mapSet}. */
    static Object normalizeMapValue(Object value) {
        if (value instanceof AbstractType<?> || value instanceof Doc || value instanceof byte[]) {
            return value;
        }
        return JsValues.normalize(value);
    }

    /** The current value of {@code key}, or undefined. */
    Object mapGet(String key) {
        requireDoc();
        Item val = map.get(key);
        return val != null && !val.isDeleted() ? lastValue(val) : Any.UNDEFINED;
    }

    static Object lastValue(Item item) {
        List<Object> c = item.content().getContent();
        return c.isEmpty() ? Any.UNDEFINED : c.get(c.size() - 1);
    }

    /** All current key/value pairs, keys in the order they first appeared. */
    Map<String, Object> mapGetAll() {
        requireDoc();
        Map<String, Object> res = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!v.isDeleted()) {
                res.put(k, lastValue(v));
            }
        });
        return res;
    }

    /** Whether {@code key} has a value. */
    boolean mapHas(String key) {
        requireDoc();
        Item val = map.get(key);
        return val != null && !val.isDeleted();
    }

    /** The value of {@code key} as of {@code snapshot}. */
    Object mapGetSnapshot(String key, Snapshot snapshot) {
        Item v = map.get(key);
        while (v != null && (!snapshot.stateVector().has(v.client()) || v.clock() >= snapshot.stateVector().get(v.client()))) {
            v = v.left();
        }
        return v != null && snapshot.isVisible(v) ? lastValue(v) : Any.UNDEFINED;
    }

    /** All key/value pairs as of {@code snapshot}. */
    Map<String, Object> mapGetAllSnapshot(Snapshot snapshot) {
        Map<String, Object> res = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            Item v = value;
            while (v != null && (!snapshot.stateVector().has(v.client()) || v.clock() >= snapshot.stateVector().get(v.client()))) {
                v = v.left();
            }
            if (v != null && snapshot.isVisible(v)) {
                res.put(key, lastValue(v));
            }
        });
        return res;
    }

    /** Runs {@code f} in a transaction of this type's document. */
    void transact(Consumer<Transaction> f) {
        doc.transact(f);
    }
}
