package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.List;

/** A formatting mark in text: from here on, attribute {@code key} has {@code value} (null ends it). */
public final class ContentFormat implements ItemContent {
    private final String key;
    private final Object value;

    /** A mark setting {@code key} to {@code value}. */
    public ContentFormat(String key, Object value) {
        this.key = key;
        this.value = value;
    }

    /** The attribute name. */
    public String key() {
        return key;
    }

    /** The attribute value; null ends the attribute. */
    public Object value() {
        return value;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return List.of();
    }

    @Override
    public boolean isCountable() {
        return false;
    }

    @Override
    public ItemContent copy() {
        return new ContentFormat(key, value);
    }

    @Override
    public ItemContent splice(long offset) {
        throw new UnsupportedOperationException("format content has length 1");
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        return false;
    }

    @Override
    public void integrate(Transaction transaction, Item item) {
        // Yjs drops search markers of formatted text: indexes there must see the attributes
        ((AbstractType<?>) item.parent).formattingIntegrated();
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeKey(key);
        encoder.writeJson(value);
    }

    @Override
    public int ref() {
        return Content.REF_FORMAT;
    }

    @Override
    public String toString() {
        return "Format(" + key + "=" + value + ")";
    }
}
