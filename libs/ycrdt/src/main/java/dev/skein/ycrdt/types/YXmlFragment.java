package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A list of XML nodes ({@link YXmlElement}, {@link YXmlText}, {@link YXmlHook}); Yjs's {@code Y.XmlFragment}. */
public class YXmlFragment extends AbstractType<YXmlEvent> {

    private List<Object> prelimContent = new ArrayList<>();

    /** A new fragment. */
    public YXmlFragment() {
    }

    @Override
    public void integrate(Doc y, Item holder) {
        super.integrate(y, holder);
        List<Object> content = prelimContent;
        prelimContent = null;
        if (!content.isEmpty()) {
            transact(t -> listInsertGenerics(t, 0, content));
        }
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YXmlFragment();
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.XML_FRAGMENT);
    }

    @Override
    public void callObserver(Transaction transaction, Set<String> parentSubs) {
        callTypeObservers(transaction, new YXmlEvent(this, parentSubs, transaction));
    }

    /** Number of child nodes. */
    public int length() {
        return prelimContent == null ? (int) length : prelimContent.size();
    }

    /** The first child, or null. */
    public Object firstChild() {
        Item first = first();
        return first == null ? null : first.content().getContent().get(0);
    }

    /** Inserts nodes at {@code index}. */
    public void insert(int index, List<?> content) {
        List<Object> c = normalizeContent(content);
        if (doc != null) {
            transact(t -> listInsertGenerics(t, index, c));
        } else {
            prelimContent.addAll(index, c);
        }
    }

    /** Inserts nodes after {@code ref} (a child type, or null for the start). */
    public void insertAfter(AbstractType<?> ref, List<?> content) {
        List<Object> c = normalizeContent(content);
        if (doc != null) {
            transact(t -> listInsertGenericsAfter(t, ref == null ? null : ref.item(), c));
        } else {
            int index = ref == null ? 0 : prelimContent.indexOf(ref) + 1;
            if (index == 0 && ref != null) {
                throw new IllegalArgumentException("Reference item not found");
            }
            prelimContent.addAll(index, c);
        }
    }

    /** Deletes {@code len} nodes from {@code index}. */
    public void delete(int index, int len) {
        if (doc != null) {
            transact(t -> listDelete(t, index, len));
        } else {
            prelimContent.subList(index, index + len).clear();
        }
    }

    /** Appends nodes. */
    public void push(List<?> content) {
        insert(length(), content);
    }

    /** Inserts nodes at the start. */
    public void unshift(List<?> content) {
        insert(0, content);
    }

    /** The node at {@code index}. */
    public Object get(int index) {
        return listGet(index);
    }

    /** All child nodes. */
    public List<Object> toArray() {
        return listToArray();
    }

    /** Child nodes {@code start} to {@code end} (exclusive). */
    public List<Object> slice(int start, int end) {
        return listSlice(start, end);
    }

    /** Every node below this one (depth first) for which {@code filter} holds (Yjs's tree walker). */
    public List<AbstractType<?>> walk(java.util.function.Predicate<AbstractType<?>> filter) {
        List<AbstractType<?>> out = new ArrayList<>();
        walk(this, filter, out);
        return out;
    }

    private static void walk(AbstractType<?> t, java.util.function.Predicate<AbstractType<?>> filter, List<AbstractType<?>> out) {
        for (Item n = t.start(); n != null; n = n.right()) {
            if (!n.isDeleted() && n.content() instanceof ContentType ct) {
                AbstractType<?> child = ct.type();
                if (filter.test(child)) {
                    out.add(child);
                }
                if (child instanceof YXmlFragment) {
                    walk(child, filter, out);
                }
            }
        }
    }

    /** The children's XML, concatenated. */
    @Override
    public String toString() {
        requireDoc();
        StringBuilder sb = new StringBuilder();
        for (Object child : listToArray()) {
            sb.append(JsValues.toJsString(child));
        }
        return sb.toString();
    }

    /** The XML string, as Yjs's {@code toJSON} of XML types. */
    @Override
    public Object toJSON() {
        return toString();
    }
}
