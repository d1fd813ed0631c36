package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.AbstractStruct;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.lib0.Any;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed on one shared type in one transaction (Yjs's {@code YEvent}). The changes are
 * computed when first asked for, and can only be asked for while observers run.
 */
public class YEvent {

    private final AbstractType<?> target;
    private AbstractType<?> currentTarget;
    private final Transaction transaction;
    private Changes changes;
    private Map<String, EntryChange> keys;
    private List<Object> path;

    /**
     * What changed.
     *
     * @param added   items inserted by the transaction (list content)
     * @param deleted items deleted by the transaction (list content)
     * @param keys    map keys changed
     * @param delta   list changes as a delta
     */
    public record Changes(Set<Item> added, Set<Item> deleted, Map<String, EntryChange> keys, List<Delta> delta) {
    }

    YEvent(AbstractType<?> target, Transaction transaction) {
        this.target = target;
        this.currentTarget = target;
        this.transaction = transaction;
    }

    /** The type that changed. */
    public AbstractType<?> target() {
        return target;
    }

    /** The type whose observer is being called (an ancestor of the target for deep observers). */
    public AbstractType<?> currentTarget() {
        return currentTarget;
    }

    /** Low-level: set before deep observers of {@code t} run. */
    public void setCurrentTarget(AbstractType<?> t) {
        currentTarget = t;
        path = null;
    }

    /** The transaction. */
    public Transaction transaction() {
        return transaction;
    }

    /** Map keys (strings) and list indexes (integers) from the current target down to the target. */
    public List<Object> path() {
        if (path == null) {
            path = Collections.unmodifiableList(getPathTo(currentTarget, target));
        }
        return path;
    }

    private static List<Object> getPathTo(AbstractType<?> parent, AbstractType<?> child) {
        List<Object> p = new ArrayList<>();
        while (child.item() != null && child != parent) {
            Item ci = child.item();
            if (ci.parentSub() != null) {
                p.add(0, ci.parentSub());
            } else {
                int i = 0;
                Item c = ci.parent().start();
                while (c != ci && c != null) {
                    if (!c.isDeleted() && c.isCountable()) {
                        i += (int) c.length();
                    }
                    c = c.right();
                }
                p.add(0, i);
            }
            child = ci.parent();
        }
        return p;
    }

    /** Whether the struct was deleted by this transaction. */
    public boolean deletes(AbstractStruct struct) {
        return transaction.deletes(struct);
    }

    /** Whether the struct was added by this transaction. */
    public boolean adds(AbstractStruct struct) {
        return transaction.adds(struct);
    }

    void checkActive() {
        if (!target.doc().inCleanup()) {
            throw new IllegalStateException("You must not compute changes after the event-handler fired.");
        }
    }

    /** How each changed map key changed, in the order the keys changed. */
    public Map<String, EntryChange> keys() {
        if (keys == null) {
            checkActive();
            Map<String, EntryChange> k = new LinkedHashMap<>();
            Set<String> changed = transaction.changed().get(target);
            if (changed != null) {
                for (String key : changed) {
                    if (key == null) {
                        continue;
                    }
                    Item item = target.itemMap().get(key);
                    EntryChange.Action action;
                    Object oldValue;
                    if (adds(item)) {
                        Item prev = item.left();
                        while (prev != null && adds(prev)) {
                            prev = prev.left();
                        }
                        if (deletes(item)) {
                            if (prev != null && deletes(prev)) {
                                action = EntryChange.Action.DELETE;
                                oldValue = last(prev.content().getContent());
                            } else {
                                continue;
                            }
                        } else if (prev != null && deletes(prev)) {
                            action = EntryChange.Action.UPDATE;
                            oldValue = last(prev.content().getContent());
                        } else {
                            action = EntryChange.Action.ADD;
                            oldValue = Any.UNDEFINED;
                        }
                    } else if (deletes(item)) {
                        action = EntryChange.Action.DELETE;
                        oldValue = last(item.content().getContent());
                    } else {
                        continue;
                    }
                    k.put(key, new EntryChange(action, oldValue));
                }
            }
            keys = Collections.unmodifiableMap(k);
        }
        return keys;
    }

    private static Object last(List<Object> l) {
        return l.isEmpty() ? Any.UNDEFINED : l.get(l.size() - 1);
    }

    /** List changes as a delta (for text, see {@link YTextEvent#delta()}). */
    public List<Delta> delta() {
        return changes().delta();
    }

    /** Added and deleted items, changed keys and the list delta. */
    public Changes changes() {
        if (changes == null) {
            checkActive();
            Set<Item> added = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Item> deleted = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Delta> delta = new ArrayList<>();
            Set<String> changed = transaction.changed().get(target);
            if (changed != null && changed.contains(null)) {
                // one op being built: 0 none, 1 insert, 2 retain, 3 delete
                int kind = 0;
                List<Object> insert = null;
                long count = 0;
                for (Item item = target.start(); item != null; item = item.right()) {
                    if (item.isDeleted()) {
                        if (deletes(item) && !adds(item)) {
                            if (kind != 3) {
                                pack(delta, kind, insert, count);
                                kind = 3;
                                count = 0;
                            }
                            count += item.length();
                            deleted.add(item);
                        }
                    } else if (adds(item)) {
                        if (kind != 1) {
                            pack(delta, kind, insert, count);
                            kind = 1;
                            insert = new ArrayList<>();
                        }
                        insert.addAll(item.content().getContent());
                        added.add(item);
                    } else {
                        if (kind != 2) {
                            pack(delta, kind, insert, count);
                            kind = 2;
                            count = 0;
                        }
                        count += item.length();
                    }
                }
                if (kind != 0 && kind != 2) {
                    pack(delta, kind, insert, count);
                }
            }
            changes = new Changes(added, deleted, keys(), Collections.unmodifiableList(delta));
        }
        return changes;
    }

    private static void pack(List<Delta> delta, int kind, List<Object> insert, long count) {
        switch (kind) {
            case 1 -> delta.add(new Delta.Insert(insert));
            case 2 -> delta.add(new Delta.Retain(count));
            case 3 -> delta.add(new Delta.Delete(count));
            default -> {
            }
        }
    }
}
