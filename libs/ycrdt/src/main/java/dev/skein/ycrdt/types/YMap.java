package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shared map (Yjs's {@code Y.Map}): string keys, values as in {@link YArray}, plus
 * {@link java.math.BigInteger} and undefined as Yjs allows them in maps.
 */
public class YMap extends AbstractType<YMapEvent> {

    private Map<String, Object> prelimContent = new LinkedHashMap<>();

    /** A new map. */
    public YMap() {
    }

    /** A new map holding {@code entries} (set when it becomes part of a document). */
    public YMap(Map<String, ?> entries) {
        entries.forEach(this::set);
    }

    @Override
    public void integrate(Doc y, Item holder) {
        super.integrate(y, holder);
        Map<String, Object> content = prelimContent;
        prelimContent = null;
        content.forEach((k, v) -> transact(t -> mapSet(t, k, v)));
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YMap();
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.MAP);
    }

    @Override
    public void callObserver(Transaction transaction, Set<String> parentSubs) {
        callTypeObservers(transaction, new YMapEvent(this, transaction, parentSubs));
    }

    /** Sets {@code key} to {@code value}; returns the value as stored. */
    public Object set(String key, Object value) {
        Object v = normalizeMapValue(value);
        if (doc != null) {
            transact(t -> mapSet(t, key, v));
        } else {
            prelimContent.put(key, v);
        }
        return v;
    }

    /** Removes {@code key}. */
    public void delete(String key) {
        if (doc != null) {
            transact(t -> mapDelete(t, key));
        } else {
            prelimContent.remove(key);
        }
    }

    /** Removes every key. */
    public void clear() {
        if (doc != null) {
            transact(t -> {
                for (String key : keys()) {
                    mapDelete(t, key);
                }
            });
        } else {
            prelimContent.clear();
        }
    }

    /** The value of {@code key}, or {@link Any#UNDEFINED}. */
    public Object get(String key) {
        return mapGet(key);
    }

    /** The value of {@code key} as of a snapshot. */
    public Object get(String key, Snapshot snapshot) {
        return mapGetSnapshot(key, snapshot);
    }

    /** Whether {@code key} has a value. */
    public boolean has(String key) {
        return mapHas(key);
    }

    /** Number of keys with a value. */
    public int size() {
        return keys().size();
    }

    /** The keys with a value, in the order they first appeared. */
    public List<String> keys() {
        requireDoc();
        List<String> out = new ArrayList<>();
        itemMap().forEach((k, v) -> {
            if (!v.isDeleted()) {
                out.add(k);
            }
        });
        return out;
    }

    /** All entries, keys in the order they first appeared. */
    public Map<String, Object> entries() {
        return mapGetAll();
    }

    /** All entries as of a snapshot. */
    public Map<String, Object> entries(Snapshot snapshot) {
        return mapGetAllSnapshot(snapshot);
    }

    @Override
    public Object toJSON() {
        requireDoc();
        Map<String, Object> out = new LinkedHashMap<>();
        itemMap().forEach((k, item) -> {
            if (!item.isDeleted() && !"__proto__".equals(k)) {
                out.put(k, JsValues.toJsonValue(lastValue(item)));
            }
        });
        return out;
    }
}
