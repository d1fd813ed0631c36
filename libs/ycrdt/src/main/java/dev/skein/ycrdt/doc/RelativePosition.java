package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.types.AbstractType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A position that stays put while others edit (Yjs's {@code RelativePosition}): the id of the
 * element it is attached to, or, at the end of a type, the type (by root name or item id).
 *
 * @param type  the id of the nested type's item, when the position is at its end
 * @param tname the root type name, when the position is at the end of a root type
 * @param item  the id of the element right of the position (left of it when {@code assoc < 0})
 * @param assoc association: &ge; 0 sticks to the element on the right, &lt; 0 to the left
 */
public record RelativePosition(Id type, String tname, Id item, long assoc) {

    /**
     * {@code Y.createRelativePositionFromTypeIndex}: the position before element {@code index}
     * (after element {@code index - 1} when {@code assoc < 0}).
     */
    public static RelativePosition fromTypeIndex(AbstractType<?> type, long index, long assoc) {
        Item t = type.start();
        if (assoc < 0) {
            if (index == 0) {
                return create(type, null, assoc);
            }
            index--;
        }
        while (t != null) {
            if (!t.isDeleted() && t.isCountable()) {
                if (t.length() > index) {
                    return create(type, new Id(t.client(), t.clock() + index), assoc);
                }
                index -= t.length();
            }
            if (t.right() == null && assoc < 0) {
                return create(type, t.lastId(), assoc);
            }
            t = t.right();
        }
        return create(type, null, assoc);
    }

    /** {@link #fromTypeIndex} with association 0. */
    public static RelativePosition fromTypeIndex(AbstractType<?> type, long index) {
        return fromTypeIndex(type, index, 0);
    }

    private static RelativePosition create(AbstractType<?> type, Id item, long assoc) {
        if (type.item() == null) {
            return new RelativePosition(null, type.rootName(), item, assoc);
        }
        return new RelativePosition(new Id(type.item().client(), type.item().clock()), null, item, assoc);
    }

    /** {@code Y.encodeRelativePosition}. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(16);
        if (item != null) {
            w.writeVarUint(0);
            w.writeVarUint(item.client());
            w.writeVarUint(item.clock());
        } else if (tname != null) {
            w.writeUint8(1);
            w.writeVarString(tname);
        } else if (type != null) {
            w.writeUint8(2);
            w.writeVarUint(type.client());
            w.writeVarUint(type.clock());
        } else {
            throw new IllegalStateException("relative position without item, type or type name");
        }
        w.writeVarInt(assoc);
        return w.toByteArray();
    }

    /** {@code Y.decodeRelativePosition}. */
    public static RelativePosition decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Id type = null;
        String tname = null;
        Id item = null;
        switch ((int) r.readVarUint()) {
            case 0 -> item = new Id(r.readVarUint(), r.readVarUint());
            case 1 -> tname = r.readVarString();
            case 2 -> type = new Id(r.readVarUint(), r.readVarUint());
            default -> {
            }
        }
        long assoc = r.hasRemaining() ? r.readVarInt() : 0;
        return new RelativePosition(type, tname, item, assoc);
    }

    /**
     * {@code Y.createAbsolutePositionFromRelativePosition}: the index the position has now in
     * {@code doc}, or null when what it refers to is not (or no longer) there.
     */
    public AbsolutePosition toAbsolute(Doc doc) {
        StructStore store = doc.store();
        AbstractType<?> t;
        long index = 0;
        if (item != null) {
            if (store.getState(item.client()) <= item.clock()) {
                return null;
            }
            AbstractStruct s = store.find(item.client(), item.clock());
            if (!(s instanceof Item right)) {
                return null;
            }
            long diff = item.clock() - right.clock();
            t = right.parent();
            if (t.item() == null || !t.item().isDeleted()) {
                index = (right.isDeleted() || !right.isCountable()) ? 0 : diff + (assoc >= 0 ? 0 : 1);
                for (Item n = right.left(); n != null; n = n.left()) {
                    if (!n.isDeleted() && n.isCountable()) {
                        index += n.length();
                    }
                }
            }
        } else {
            if (tname != null) {
                t = doc.get(tname);
            } else if (type != null) {
                if (store.getState(type.client()) <= type.clock()) {
                    return null;
                }
                AbstractStruct s = store.find(type.client(), type.clock());
                if (s instanceof Item i && i.content() instanceof ContentType ct) {
                    t = ct.type();
                } else {
                    return null;
                }
            } else {
                throw new IllegalStateException("relative position without item, type or type name");
            }
            index = assoc >= 0 ? t.rawLength() : 0;
        }
        return new AbsolutePosition(t, index, assoc);
    }

    /** {@code Y.relativePositionToJSON}. */
    public Map<String, Object> toJSON() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (type != null) {
            json.put("type", idJson(type));
        }
        if (tname != null) {
            json.put("tname", tname);
        }
        if (item != null) {
            json.put("item", idJson(item));
        }
        json.put("assoc", (double) assoc);
        return json;
    }

    private static Map<String, Object> idJson(Id id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", (double) id.client());
        m.put("clock", (double) id.clock());
        return m;
    }

    /** {@code Y.createRelativePositionFromJSON}. */
    public static RelativePosition fromJSON(Map<String, ?> json) {
        return new RelativePosition(id(json.get("type")), json.get("tname") instanceof String s ? s : null,
                id(json.get("item")), json.get("assoc") instanceof Number n ? n.longValue() : 0);
    }

    private static Id id(Object o) {
        if (o instanceof Map<?, ?> m && m.get("client") instanceof Number c && m.get("clock") instanceof Number k) {
            return new Id(c.longValue(), k.longValue());
        }
        return null;
    }
}
