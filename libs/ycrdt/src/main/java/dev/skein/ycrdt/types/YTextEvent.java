package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentEmbed;
import dev.skein.ycrdt.doc.ContentFormat;
import dev.skein.ycrdt.doc.ContentString;
import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Transaction;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.JsObjects;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes of a {@link YText} in one transaction. Computing the {@link #delta()} may delete
 * formatting items that became redundant, in a transaction of its own, as Yjs does.
 */
public final class YTextEvent extends YEvent {

    private final boolean childListChanged;
    private final Set<String> keysChanged;
    private List<Delta> delta;
    private Changes changes;

    YTextEvent(YText target, Transaction transaction, Set<String> subs) {
        super(target, transaction);
        boolean children = false;
        Set<String> keys = new LinkedHashSet<>();
        for (String sub : subs) {
            if (sub == null) {
                children = true;
            } else {
                keys.add(sub);
            }
        }
        this.childListChanged = children;
        this.keysChanged = Collections.unmodifiableSet(keys);
    }

    /** Whether the text content changed. */
    public boolean childListChanged() {
        return childListChanged;
    }

    /** Text attributes (set with {@link YText#setAttribute}) that changed. */
    public Set<String> keysChanged() {
        return keysChanged;
    }

    @Override
    public Changes changes() {
        if (changes == null) {
            changes = new Changes(Collections.newSetFromMap(new IdentityHashMap<>()),
                    Collections.newSetFromMap(new IdentityHashMap<>()), keys(), delta());
        }
        return changes;
    }

    /** The change as a rich-text delta: retain, insert (with attributes), delete. */
    @Override
    public List<Delta> delta() {
        if (delta == null) {
            List<Delta> out = new ArrayList<>();
            target().doc().transact(t -> new Builder(this, t, out).run());
            delta = Collections.unmodifiableList(out);
        }
        return delta;
    }

    /** The state of Yjs's delta computation. */
    private static final class Builder {
        private static final int NONE = 0;
        private static final int INSERT = 1;
        private static final int RETAIN = 2;
        private static final int DELETE = 3;

        private final YTextEvent event;
        private final Transaction transaction;
        private final List<Delta> delta;
        private final Map<String, Object> currentAttributes = new LinkedHashMap<>();
        private final Map<String, Object> oldAttributes = new LinkedHashMap<>();
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private int action = NONE;
        private Object insert = "";
        private final StringBuilder insertStr = new StringBuilder();
        private boolean insertIsString = true;
        private long retain;
        private long deleteLen;

        Builder(YTextEvent event, Transaction transaction, List<Delta> delta) {
            this.event = event;
            this.transaction = transaction;
            this.delta = delta;
        }

        private void addOp() {
            if (action == NONE) {
                return;
            }
            Delta op = null;
            switch (action) {
                case DELETE -> {
                    if (deleteLen > 0) {
                        op = new Delta.Delete(deleteLen);
                    }
                    deleteLen = 0;
                }
                case INSERT -> {
                    if (!insertIsString || insertStr.length() > 0) {
                        Map<String, Object> attrs = null;
                        if (!currentAttributes.isEmpty()) {
                            attrs = new LinkedHashMap<>();
                            for (Map.Entry<String, Object> e : currentAttributes.entrySet()) {
                                if (e.getValue() != null) {
                                    attrs.put(e.getKey(), e.getValue());
                                }
                            }
                        }
                        op = new Delta.Insert(insertIsString ? insertStr.toString() : insert, attrs);
                    }
                    insertStr.setLength(0);
                    insertIsString = true;
                    insert = "";
                }
                case RETAIN -> {
                    if (retain > 0) {
                        op = new Delta.Retain(retain, attributes.isEmpty() ? null : copyInKeyOrder(attributes));
                    }
                    retain = 0;
                }
                default -> {
                }
            }
            if (op != null) {
                delta.add(op);
            }
            action = NONE;
        }

        private static Map<String, Object> copyInKeyOrder(Map<String, Object> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (String k : JsObjects.keys(m)) {
                c.put(k, m.get(k));
            }
            return c;
        }

        void run() {
            for (Item item = event.target().start(); item != null; item = item.right()) {
                Object content = item.content();
                if (content instanceof ContentType || content instanceof ContentEmbed) {
                    if (event.adds(item)) {
                        if (!event.deletes(item)) {
                            addOp();
                            action = INSERT;
                            insert = item.content().getContent().get(0);
                            insertIsString = false;
                            addOp();
                        }
                    } else if (event.deletes(item)) {
                        if (action != DELETE) {
                            addOp();
                            action = DELETE;
                        }
                        deleteLen += 1;
                    } else if (!item.isDeleted()) {
                        if (action != RETAIN) {
                            addOp();
                            action = RETAIN;
                        }
                        retain += 1;
                    }
                } else if (content instanceof ContentString s) {
                    if (event.adds(item)) {
                        if (!event.deletes(item)) {
                            if (action != INSERT) {
                                addOp();
                                action = INSERT;
                            }
                            s.appendTo(insertStr);
                        }
                    } else if (event.deletes(item)) {
                        if (action != DELETE) {
                            addOp();
                            action = DELETE;
                        }
                        deleteLen += item.length();
                    } else if (!item.isDeleted()) {
                        if (action != RETAIN) {
                            addOp();
                            action = RETAIN;
                        }
                        retain += item.length();
                    }
                } else if (content instanceof ContentFormat f) {
                    format(item, f);
                }
            }
            addOp();
            while (!delta.isEmpty()) {
                Delta last = delta.get(delta.size() - 1);
                if (last instanceof Delta.Retain r && r.attributes() == null) {
                    delta.remove(delta.size() - 1);
                } else {
                    break;
                }
            }
        }

        private void format(Item item, ContentFormat f) {
            String key = f.key();
            Object value = f.value();
            if (event.adds(item)) {
                if (!event.deletes(item)) {
                    Object curVal = currentAttributes.getOrDefault(key, null);
                    if (!JsValues.equalAttrs(curVal, value)) {
                        if (action == RETAIN) {
                            addOp();
                        }
                        if (JsValues.equalAttrs(value, oldAttributes.getOrDefault(key, null))) {
                            attributes.remove(key);
                        } else {
                            attributes.put(key, value);
                        }
                    } else if (value != null) {
                        item.delete(transaction);
                    }
                }
            } else if (event.deletes(item)) {
                oldAttributes.put(key, value);
                Object curVal = currentAttributes.getOrDefault(key, null);
                if (!JsValues.equalAttrs(curVal, value)) {
                    if (action == RETAIN) {
                        addOp();
                    }
                    attributes.put(key, curVal);
                }
            } else if (!item.isDeleted()) {
                oldAttributes.put(key, value);
                if (attributes.containsKey(key) && attributes.get(key) != Any.UNDEFINED) {
                    Object attr = attributes.get(key);
                    if (!JsValues.equalAttrs(attr, value)) {
                        if (action == RETAIN) {
                            addOp();
                        }
                        if (value == null) {
                            attributes.remove(key);
                        } else {
                            attributes.put(key, value);
                        }
                    } else if (attr != null) {
                        // redundant: Yjs deletes it here (the cleanup would otherwise)
                        item.delete(transaction);
                    }
                }
            }
            if (!item.isDeleted()) {
                if (action == INSERT) {
                    addOp();
                }
                ItemTextListPosition.updateCurrentAttributes(currentAttributes, f);
            }
        }
    }
}
