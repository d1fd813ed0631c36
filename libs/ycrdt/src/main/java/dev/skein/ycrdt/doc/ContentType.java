package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.List;

/** A nested shared type: the item stands for the type, whose own items have it as parent. */
public final class ContentType implements ItemContent {
    private final AbstractType<?> type;

    /** Content for {@code type}, which must not be part of a document yet. */
    public ContentType(AbstractType<?> type) {
        this.type = type;
    }

    /** The nested type. */
    public AbstractType<?> type() {
        return type;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public List<Object> getContent() {
        return List.of(type);
    }

    @Override
    public boolean isCountable() {
        return true;
    }

    @Override
    public ItemContent copy() {
        return new ContentType(type.copyEmpty());
    }

    @Override
    public ItemContent splice(long offset) {
        throw new UnsupportedOperationException("type content has length 1");
    }

    @Override
    public boolean mergeWith(ItemContent right) {
        return false;
    }

    @Override
    public void integrate(Transaction transaction, Item item) {
        type.integrate(transaction.doc(), item);
    }

    @Override
    public void delete(Transaction transaction) {
        for (Item item = type.start(); item != null; item = item.right) {
            if (!item.isDeleted()) {
                item.delete(transaction);
            } else if (item.clock < transaction.beforeState().get(item.client)) {
                // deleted before this transaction: not in its delete set, but may join its
                // neighbours once they are collected too
                transaction.mergeStructs().add(item);
            }
        }
        for (Item item : type.itemMap().values()) {
            if (!item.isDeleted()) {
                item.delete(transaction);
            } else if (item.clock < transaction.beforeState().get(item.client)) {
                transaction.mergeStructs().add(item);
            }
        }
        transaction.changed().remove(type);
    }

    @Override
    public void gc(StructStore store) {
        for (Item item = type.start(); item != null; item = item.right) {
            item.gc(store, true);
        }
        type.setStart(null);
        for (Item item : type.itemMap().values()) {
            for (Item i = item; i != null; i = i.left) {
                i.gc(store, true);
            }
        }
        type.clearItemMap();
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        type.writeTypeRef(encoder);
    }

    @Override
    public int ref() {
        return Content.REF_TYPE;
    }

    @Override
    public String toString() {
        return "Type(" + type.getClass().getSimpleName() + ")";
    }
}
