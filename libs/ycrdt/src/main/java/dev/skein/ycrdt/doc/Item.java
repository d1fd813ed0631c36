package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * An inserted run of content in a document: a node of its parent type's doubly linked list (or of
 * one map key's list of values), with the origins it was inserted between (Yjs's {@code Item}).
 *
 * <p>Low-level: application code uses the shared types; the types use items to implement their
 * operations.
 */
public final class Item extends AbstractStruct {

    private static final int KEEP = 1;
    private static final int COUNTABLE = 2;
    private static final int DELETED = 4;
    private static final int MARKER = 8;

    Id origin;
    Item left;
    Item right;
    Id rightOrigin;
    /** The parent type once integrated; while an update is integrated, an {@link Id} or null. */
    Object parent;
    String parentSub;
    ItemContent content;
    private int info;

    Item(long client, long clock, Item left, Id origin, Item right, Id rightOrigin, Object parent, String parentSub,
         ItemContent content) {
        super(client, clock, content.length());
        this.origin = origin;
        this.left = left;
        this.right = right;
        this.rightOrigin = rightOrigin;
        this.parent = parent;
        this.parentSub = parentSub;
        this.content = content;
        this.info = content.isCountable() ? COUNTABLE : 0;
    }

    /**
     * Creates an item of the transaction's client, inserted between {@code left} and {@code right}
     * of {@code parent} (under map key {@code parentSub} when not null), and integrates it.
     */
    public static Item insert(Transaction transaction, Item left, Item right, AbstractType<?> parent, String parentSub,
                              ItemContent content) {
        Doc doc = transaction.doc();
        long client = doc.clientId();
        Item item = new Item(client, doc.store().getState(client), left, left == null ? null : left.lastId(), right,
                right == null ? null : right.id(), parent, parentSub, content);
        item.integrate(transaction, 0);
        return item;
    }

    /** The id of the left neighbour at insertion time, or null. */
    public Id origin() {
        return origin;
    }

    /** The id of the right neighbour at insertion time, or null. */
    public Id rightOrigin() {
        return rightOrigin;
    }

    /** The item now to the left, or null. */
    public Item left() {
        return left;
    }

    /** The item now to the right, or null. */
    public Item right() {
        return right;
    }

    /** The parent type. */
    public AbstractType<?> parent() {
        return (AbstractType<?>) parent;
    }

    /** Low-level: moves the item to another type (an untyped root becoming typed). */
    public void setParent(AbstractType<?> p) {
        parent = p;
    }

    /** The map key this item is a value of, or null for list content. */
    public String parentSub() {
        return parentSub;
    }

    /** The content. */
    public ItemContent content() {
        return content;
    }

    /** Whether the content counts in the parent's length. */
    public boolean isCountable() {
        return (info & COUNTABLE) != 0;
    }

    @Override
    public boolean isDeleted() {
        return (info & DELETED) != 0;
    }

    /** Whether garbage collection must leave this item alone. */
    public boolean keep() {
        return (info & KEEP) != 0;
    }

    /** Marks the item (and not its parents) as never to be garbage-collected. */
    public void setKeep(boolean keep) {
        info = keep ? info | KEEP : info & ~KEEP;
    }

    /** Whether a search marker of the parent points here. */
    public boolean isMarker() {
        return (info & MARKER) != 0;
    }

    /** Set by the parent's search markers. */
    public void setMarker(boolean marked) {
        info = marked ? info | MARKER : info & ~MARKER;
    }

    void markDeleted() {
        info |= DELETED;
    }

    /** The id of this item's last element. */
    public Id lastId() {
        return length == 1 ? new Id(client, clock) : new Id(client, clock + length - 1);
    }

    /** The next item to the right that is not deleted, or null. */
    public Item next() {
        Item n = right;
        while (n != null && n.isDeleted()) {
            n = n.right;
        }
        return n;
    }

    /** The next item to the left that is not deleted, or null. */
    public Item prev() {
        Item n = left;
        while (n != null && n.isDeleted()) {
            n = n.left;
        }
        return n;
    }

    /**
     * Splits this item at {@code diff}: it keeps the first {@code diff} elements, the returned item
     * (already linked in after it) holds the rest. The caller puts the new item into the store.
     */
    Item split(Transaction transaction, long diff) {
        Item rightItem = new Item(client, clock + diff, this, new Id(client, clock + diff - 1), right, rightOrigin,
                parent, parentSub, content.splice(diff));
        if (isDeleted()) {
            rightItem.markDeleted();
        }
        if (keep()) {
            rightItem.setKeep(true);
        }
        // the left part keeps its right origin: changing it would confuse peers that sync later
        right = rightItem;
        if (rightItem.right != null) {
            rightItem.right.left = rightItem;
        }
        transaction.mergeStructs().add(rightItem);
        if (rightItem.parentSub != null && rightItem.right == null) {
            ((AbstractType<?>) rightItem.parent).itemMap().put(rightItem.parentSub, rightItem);
        }
        length = diff;
        return rightItem;
    }

    /**
     * Links the item into its parent: finds its place among concurrently inserted items with
     * Yjs's conflict resolution (YATA as implemented in yjs 13.6), adjusts the parent and adds the
     * item to the store. The first {@code offset} ids are already known and dropped.
     */
    void integrate(Transaction transaction, long offset) {
        StructStore store = transaction.doc().store();
        if (offset > 0) {
            clock += offset;
            AbstractStruct l = store.getItemCleanEnd(transaction, client, clock - 1);
            if (!(l instanceof Item li)) {
                // yjs fails here too (it reads the neighbours of a collected range)
                throw new IllegalStateException("the id before " + client + ":" + clock + " was garbage-collected");
            }
            left = li;
            origin = li.lastId();
            content = content.splice(offset);
            length -= offset;
        }
        if (parent == null) {
            // the parent was garbage-collected: keep only the ids
            new GC(client, clock, length).integrate(transaction, 0);
            return;
        }
        AbstractType<?> p = (AbstractType<?>) parent;
        if ((left == null && (right == null || right.left != null)) || (left != null && left.right != right)) {
            resolveConflicts(store, p);
        }
        if (left != null) {
            right = left.right;
            left.right = this;
        } else {
            Item r;
            if (parentSub != null) {
                r = p.itemMap().get(parentSub);
                while (r != null && r.left != null) {
                    r = r.left;
                }
            } else {
                r = p.start();
                p.setStart(this);
            }
            right = r;
        }
        if (right != null) {
            right.left = this;
        } else if (parentSub != null) {
            // the last value of a key is the key's current value; the one before is overwritten
            p.itemMap().put(parentSub, this);
            if (left != null) {
                left.delete(transaction);
            }
        }
        if (parentSub == null && isCountable() && !isDeleted()) {
            p.adjustLength(length);
        }
        store.addStruct(this);
        content.integrate(transaction, this);
        transaction.addChangedType(p, parentSub);
        Item parentItem = p.item();
        if ((parentItem != null && parentItem.isDeleted()) || (parentSub != null && right != null)) {
            delete(transaction);
        }
    }

    /**
     * Sets {@code left} to the item after which this one goes, scanning the items between its
     * origins: items with the same origin order by client id, and an item whose origin lies in the
     * scanned range stays with that origin.
     */
    private void resolveConflicts(StructStore store, AbstractType<?> p) {
        Item l = left;
        Item o;
        if (l != null) {
            o = l.right;
        } else if (parentSub != null) {
            o = p.itemMap().get(parentSub);
            while (o != null && o.left != null) {
                o = o.left;
            }
        } else {
            o = p.start();
        }
        Set<AbstractStruct> conflicting = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<AbstractStruct> beforeOrigin = Collections.newSetFromMap(new IdentityHashMap<>());
        while (o != null && o != right) {
            beforeOrigin.add(o);
            conflicting.add(o);
            if (Objects.equals(origin, o.origin)) {
                if (o.client < client) {
                    l = o;
                    conflicting.clear();
                } else if (Objects.equals(rightOrigin, o.rightOrigin)) {
                    // same origins on both sides: the lower client goes first, and that is this one
                    break;
                }
            } else if (o.origin != null && beforeOrigin.contains(store.find(o.origin.client(), o.origin.clock()))) {
                if (!conflicting.contains(store.find(o.origin.client(), o.origin.clock()))) {
                    l = o;
                    conflicting.clear();
                }
            } else {
                break;
            }
            o = o.right;
        }
        left = l;
    }

    /** Marks the item deleted (Yjs's {@code Item.delete}); the content stays until collected. */
    public void delete(Transaction transaction) {
        if (isDeleted()) {
            return;
        }
        AbstractType<?> p = (AbstractType<?>) parent;
        if (isCountable() && parentSub == null) {
            p.adjustLength(-length);
        }
        markDeleted();
        transaction.deleteSet().add(client, clock, length);
        transaction.addChangedType(p, parentSub);
        content.delete(transaction);
    }

    /**
     * Drops the content of a deleted item: it becomes deleted content of the same length, or a
     * {@link GC} when its parent is collected too.
     */
    void gc(StructStore store, boolean parentGCd) {
        if (!isDeleted()) {
            throw new IllegalStateException("only deleted items can be collected");
        }
        content.gc(store);
        if (parentGCd) {
            store.replaceStruct(this, new GC(client, clock, length));
        } else {
            content = new ContentDeleted(length);
        }
    }

    @Override
    boolean mergeWith(AbstractStruct r) {
        if (!(r instanceof Item right)) {
            return false;
        }
        if (Objects.equals(right.origin, lastId())
                && this.right == right
                && Objects.equals(rightOrigin, right.rightOrigin)
                && client == right.client
                && clock + length == right.clock
                && isDeleted() == right.isDeleted()
                && content.getClass() == right.content.getClass()
                && content.mergeWith(right.content)) {
            ((AbstractType<?>) parent).itemMerged(this, right);
            if (right.keep()) {
                setKeep(true);
            }
            this.right = right.right;
            if (this.right != null) {
                this.right.left = this;
            }
            length += right.length;
            return true;
        }
        return false;
    }

    @Override
    void write(UpdateEncoder encoder, long offset) {
        Id o = offset > 0 ? new Id(client, clock + offset - 1) : origin;
        int info = (content.ref() & dev.skein.ycrdt.struct.Item.CONTENT_REF_MASK)
                | (o == null ? 0 : dev.skein.ycrdt.struct.Item.HAS_ORIGIN)
                | (rightOrigin == null ? 0 : dev.skein.ycrdt.struct.Item.HAS_RIGHT_ORIGIN)
                | (parentSub == null ? 0 : dev.skein.ycrdt.struct.Item.HAS_PARENT_SUB);
        encoder.writeInfo(info);
        if (o != null) {
            encoder.writeLeftId(o.client(), o.clock());
        }
        if (rightOrigin != null) {
            encoder.writeRightId(rightOrigin.client(), rightOrigin.clock());
        }
        if (o == null && rightOrigin == null) {
            if (parent instanceof AbstractType<?> p) {
                Item parentItem = p.item();
                if (parentItem == null) {
                    encoder.writeParentInfo(true);
                    encoder.writeString(p.rootName());
                } else {
                    encoder.writeParentInfo(false);
                    encoder.writeLeftId(parentItem.client, parentItem.clock);
                }
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
    public String toString() {
        return "Item(" + client + "," + clock + "+" + length + (isDeleted() ? " deleted " : " ") + content + ")";
    }
}
