package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Legacy JSON content (each element serialised as JSON text; {@code "undefined"} for undefined). */
public final class ContentJSON implements ItemContent {
    private ArrayList<Object> arr;

    /** New content. */
    public ContentJSON(List<Object> values) {
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
        return new ContentJSON(new ArrayList<>(arr));
    }

    @Override
    public ItemContent splice(long offset) {
        int o = (int) offset;
        ContentJSON right = new ContentJSON(new ArrayList<>(arr.subList(o, arr.size())));
        arr = new ArrayList<>(arr.subList(0, o));
        return right;
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        arr.addAll(((ContentJSON) right).arr);
        return true;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        int len = arr.size();
        encoder.writeLen(len - offset);
        for (int i = (int) offset; i < len; i++) {
            Object v = arr.get(i);
            String s = v == Any.UNDEFINED ? null : Json.stringify(v);
            encoder.writeString(s == null ? "undefined" : s);
        }
    }

    @Override
    public int ref() {
        return Content.REF_JSON;
    }
}
