package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A shared array (Yjs's {@code Y.Array}). Values: JSON-like values (numbers become doubles), byte
 * arrays, nested shared types and subdocuments. Before it is part of a document, an array
 * collects its content and inserts it when integrated, as in Yjs.
 */
public class YArray extends AbstractType<YArrayEvent> {

    private List<Object> prelimContent = new ArrayList<>();

    /** A new array, to be inserted into a document or used as a root. */
    public YArray() {
        searchMarker = new ArrayList<>();
    }

    /** A new array holding {@code items} (inserted when it becomes part of a document). */
    public static YArray from(List<?> items) {
        YArray a = new YArray();
        a.push(items);
        return a;
    }

    @Override
    public void integrate(Doc y, Item holder) {
        super.integrate(y, holder);
        List<Object> content = prelimContent;
        prelimContent = null;
        if (!content.isEmpty()) {
            insertNormalized(0, content);
        }
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YArray();
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.ARRAY);
    }

    /** Number of elements. */
    public int length() {
        return doc == null ? prelimContent.size() : (int) length;
    }

    @Override
    public void callObserver(Transaction transaction, Set<String> parentSubs) {
        super.callObserver(transaction, parentSubs);
        callTypeObservers(transaction, new YArrayEvent(this, transaction));
    }

    /** Inserts {@code content} at {@code index}. */
    public void insert(int index, List<?> content) {
        List<Object> c = normalizeContent(content);
        if (doc != null) {
            insertNormalized(index, c);
        } else {
            prelimContent.addAll(index, c);
        }
    }

    private void insertNormalized(long index, List<Object> c) {
        transact(t -> listInsertGenerics(t, index, c));
    }

    /** Appends {@code content}. */
    public void push(List<?> content) {
        List<Object> c = normalizeContent(content);
        if (doc != null) {
            transact(t -> listPushGenerics(t, c));
        } else {
            prelimContent.addAll(c);
        }
    }

    /** Inserts {@code content} at the start. */
    public void unshift(List<?> content) {
        insert(0, content);
    }

    /** Deletes {@code len} elements from {@code index}. */
    public void delete(int index, int len) {
        if (doc != null) {
            transact(t -> listDelete(t, index, len));
        } else {
            prelimContent.subList(index, index + len).clear();
        }
    }

    /** Deletes the element at {@code index}. */
    public void delete(int index) {
        delete(index, 1);
    }

    /** The element at {@code index}, or {@link dev.skein.ycrdt.lib0.Any#UNDEFINED}. */
    public Object get(int index) {
        return listGet(index);
    }

    /** All elements. */
    public List<Object> toArray() {
        return doc == null ? new ArrayList<>(prelimContent) : listToArray();
    }

    /** Elements as of a snapshot. */
    public List<Object> toArray(Snapshot snapshot) {
        return listToArraySnapshot(snapshot);
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive); negative counts from the end. */
    public List<Object> slice(int start, int end) {
        return listSlice(start, end);
    }

    @Override
    public Object toJSON() {
        List<Object> out = new ArrayList<>();
        for (Object v : listToArray()) {
            out.add(JsValues.toJsonValue(v));
        }
        return out;
    }
}
