package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subdocument. The options written are rebuilt from the document, as Yjs does: only
 * {@code gc: false}, {@code autoLoad: true} and a non-null {@code meta} are kept, in that order.
 */
public final class ContentDoc implements ItemContent {
    private final Doc doc;
    private final Map<String, Object> opts;

    /** Content for {@code doc}, which must not be a subdocument elsewhere already. */
    public ContentDoc(Doc doc) {
        this.doc = doc;
        Map<String, Object> o = new LinkedHashMap<>();
        if (!doc.gc()) {
            o.put("gc", Boolean.FALSE);
        }
        if (doc.autoLoad()) {
            o.put("autoLoad", Boolean.TRUE);
        }
        if (doc.meta() != null) {
            o.put("meta", doc.meta());
        }
        this.opts = o;
    }

    /** The subdocument. */
    public Doc doc() {
        return doc;
    }

    /** The options written with the subdocument's guid. */
    public Map<String, Object> opts() {
        return opts;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return List.of(doc);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentDoc(Doc.subdocFromOptions(doc.guid(), opts));
    }

    @Override
    public ItemContent splice(long offset) {
        throw new UnsupportedOperationException("subdocument content has length 1");
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        return false;
    }

    @Override
    public void integrate(Transaction transaction, Item item) {
        doc.setItem(item);
        transaction.subdocsAdded().add(doc);
        if (doc.shouldLoad()) {
            transaction.subdocsLoaded().add(doc);
        }
    }

    @Override
    public void delete(Transaction transaction) {
        if (!transaction.subdocsAdded().remove(doc)) {
            transaction.subdocsRemoved().add(doc);
        }
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeString(doc.guid());
        encoder.writeAny(opts);
    }

    @Override
    public int ref() {
        return Content.REF_DOC;
    }
}
