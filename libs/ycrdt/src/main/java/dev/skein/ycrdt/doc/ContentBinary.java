package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.List;

/** One binary blob ({@code Uint8Array}). */
public final class ContentBinary implements ItemContent {
    private final byte[] content;

    /** New content. */
    public ContentBinary(byte[] content) {
        this.content = content;
    }

    /** The bytes (not copied). */
    public byte[] bytes() {
        return content;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return List.of(content);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentBinary(content);
    }

    @Override
    public ItemContent splice(long offset) {
        throw new UnsupportedOperationException("binary content has length 1");
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        return false;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeBuf(content);
    }

    @Override
    public int ref() {
        return Content.REF_BINARY;
    }
}
