package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.update.UpdateEncoder;

/**
 * An inserted run of content, as an update carries it: its origins and, where it has neither,
 * its parent (a root type name or the id of the parent type's item) and map key.
 */
public final class Item extends Struct {

    /** Info flag: the item has an origin (left neighbour at insertion). */
    public static final int HAS_ORIGIN = 0x80;
    /** Info flag: the item has a right origin. */
    public static final int HAS_RIGHT_ORIGIN = 0x40;
    /** Info flag: the item has a parent-sub (map key). */
    public static final int HAS_PARENT_SUB = 0x20;
    /** Mask of the content ref in the info byte. */
    public static final int CONTENT_REF_MASK = 0x1F;

    private final Id origin;
    private final Id rightOrigin;
    private final Object parent; // String (root type name), Id (parent item), or null
    private final String parentSub;
    private Content content;

    public Item(long client, long clock, Id origin, Id rightOrigin, Object parent, String parentSub, Content content) {
        super(client, clock, content.length());
        this.origin = origin;
        this.rightOrigin = rightOrigin;
        this.parent = parent;
        this.parentSub = parentSub;
        this.content = content;
    }

    public Id origin() {
        return origin;
    }

    public Id rightOrigin() {
        return rightOrigin;
    }

    /** A root type name ({@link String}), a parent item id ({@link Id}), or null when origins tell. */
    public Object parent() {
        return parent;
    }

    public String parentSub() {
        return parentSub;
    }

    public Content content() {
        return content;
    }

    /** The id of this item's last element. */
    public Id lastId() {
        return new Id(client, clock + length - 1);
    }

    /** Replaces the content with one of the same length (used by compaction). */
    public void replaceContent(Content c) {
        if (c.length() != length) {
            throw new IllegalArgumentException("content length differs");
        }
        content = c;
    }

    /**
     * Absorbs the items that follow this one (used by compaction; the caller checked that each may
     * join): one content built in one pass, so long runs cost linear time.
     */
    public void extend(java.util.List<Item> following) {
        java.util.List<Content> parts = new java.util.ArrayList<>(following.size());
        for (Item i : following) {
            parts.add(i.content);
            length += i.length;
        }
        content = content.join(parts);
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        Id o = offset > 0 ? new Id(client, clock + offset - 1) : origin;
        int info = (content.ref() & CONTENT_REF_MASK)
                | (o == null ? 0 : HAS_ORIGIN)
                | (rightOrigin == null ? 0 : HAS_RIGHT_ORIGIN)
                | (parentSub == null ? 0 : HAS_PARENT_SUB);
        encoder.writeInfo(info);
        if (o != null) {
            encoder.writeLeftId(o.client(), o.clock());
        }
        if (rightOrigin != null) {
            encoder.writeRightId(rightOrigin.client(), rightOrigin.clock());
        }
        if (o == null && rightOrigin == null) {
            if (parent instanceof String name) {
                encoder.writeParentInfo(true);
                encoder.writeString(name);
            } else if (parent instanceof Id id) {
                encoder.writeParentInfo(false);
                encoder.writeLeftId(id.client(), id.clock());
            } else {
                throw new IllegalStateException("item without origins has no parent");
            }
            if (parentSub != null) {
                encoder.writeString(parentSub);
            }
        }
        content.write(encoder, offset);
    }

    @Override
    public Struct sliceFrom(long diff) {
        // like Yjs's sliceStruct this splits the content in place; the merge discards the left part
        return splitAt(diff);
    }

    /**
     * Splits this item: it keeps the first {@code diff} elements, the returned item holds the rest
     * (origin = this item's new last id, same right origin, parent and key).
     */
    public Item splitAt(long diff) {
        Content right = content.splitAt(diff);
        length = diff;
        return new Item(client, clock + diff, new Id(client, clock + diff - 1), rightOrigin, parent, parentSub, right);
    }

    @Override
    public String toString() {
        return "Item(" + client + "," + clock + "+" + length + " " + content + ")";
    }
}
