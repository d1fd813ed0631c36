package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.List;

/** Deleted content: only its length remains. */
public final class ContentDeleted implements ItemContent {
    private long len;

    /** New content. */
    public ContentDeleted(long len) {
        this.len = len;
    }

    @Override
    public long length() {
        return len;
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
        return new ContentDeleted(len);
    }

    @Override
    public ItemContent splice(long offset) {
        ContentDeleted right = new ContentDeleted(len - offset);
        len = offset;
        return right;
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        len += ((ContentDeleted) right).len;
        return true;
    }

    @Override
    public void integrate(Transaction transaction, Item item) {
        // an item that arrives already deleted counts as deleted by this transaction
        transaction.deleteSet().add(item.client, item.clock, len);
        item.markDeleted();
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeLen(len - offset);
    }

    @Override
    public int ref() {
        return Content.REF_DELETED;
    }

    @Override
    public String toString() {
        return "Deleted(" + len + ")";
    }
}
