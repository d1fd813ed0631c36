package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** JSON-like values in an array or a map entry (the {@link dev.skein.ycrdt.lib0.Any} value model). */
public final class ContentAny implements ItemContent {
    private ArrayList<Object> arr;

    /** Takes ownership of {@code values}. */
    /** New content. */
    public ContentAny(List<Object> values) {
        this.arr = values instanceof ArrayList<Object> a ? a : new ArrayList<>(values);
    }

    @Override
    public long length() {
        return arr.size();
    }

    @Override
    public List<Object> getContent() {
        return Collections.unmodifiableList(arr);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentAny(new ArrayList<>(arr));
    }

    @Override
    public ItemContent splice(long offset) {
        int o = (int) offset;
        ContentAny right = new ContentAny(new ArrayList<>(arr.subList(o, arr.size())));
        arr = new ArrayList<>(arr.subList(0, o));
        return right;
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        arr.addAll(((ContentAny) right).arr);
        return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        int len = arr.size();
        encoder.writeLen(len - offset);
        for (int i = (int) offset; i < len; i++) {
            encoder.writeAny(arr.get(i));
        }
    }

    @Override
    public int ref() {
        return Content.REF_ANY;
    }

    @Override
    public String toString() {
        return "Any" + arr;
    }
}
