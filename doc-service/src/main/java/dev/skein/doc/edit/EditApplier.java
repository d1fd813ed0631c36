package dev.skein.doc.edit;

import dev.skein.doc.content.DocumentSchema;
import dev.skein.doc.content.RootType;
import dev.skein.ycrdt.doc.AbsolutePosition;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RelativePosition;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Applies parsed operations to a document, in order, inside the caller's transaction. Each
 * operation checks itself against the state the operations before it left (root known and of the
 * right type, path leading to a nested type of the right kind, index and range within the
 * content) and throws {@link EditRejectedException} naming it otherwise; the caller then throws
 * the document away, so that nothing of the request remains.
 */
public final class EditApplier {

    private final Doc doc;
    private final StreamAnchors streams;
    private final BiConsumer<String, AbstractType<?>> defined;

    /**
     * @param doc the document to change (inside a transaction)
     * @param streams stream anchors of this document
     * @param defined told of every root this applier gives a type (before it changes it)
     */
    public EditApplier(Doc doc, StreamAnchors streams, BiConsumer<String, AbstractType<?>> defined) {
        this.doc = doc;
        this.streams = streams;
        this.defined = defined;
    }

    /**
     * Applies every operation.
     *
     * @return per operation, the encoded relative position right after the inserted text (base64)
     *     for {@code text.insert}, null for the others
     * @throws EditRejectedException naming the first operation that does not fit
     */
    public List<String> apply(EditRequestBody body) {
        Map<String, RootType> schema = DocumentSchema.of(doc);
        List<String> positions = new ArrayList<>(body.ops().size());
        for (int i = 0; i < body.ops().size(); i++) {
            EditOp op = body.ops().get(i);
            try {
                if (op instanceof EditOp.SchemaSet set) {
                    setSchema(i, set, schema);
                    schema = DocumentSchema.of(doc);
                    positions.add(null);
                    continue;
                }
                positions.add(apply(i, op, target(i, op, schema, body.roots())));
            } catch (EditRejectedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EditRejectedException(i, op.name() + " failed: " + e.getMessage());
            }
        }
        return positions;
    }

    private String apply(int i, EditOp op, AbstractType<?> target) {
        if (op instanceof EditOp.TextInsert ins) {
            YText text = (YText) target;
            int index = insertIndex(i, ins, text);
            if (ins.embed() != null) {
                text.insertEmbed(index, ins.embed(), ins.attributes() == null ? Map.of() : ins.attributes());
                return Base64.getEncoder().encodeToString(RelativePosition.fromTypeIndex(text, index + 1, -1).encode());
            }
            if (ins.attributes() == null) {
                text.insert(index, ins.text());
            } else {
                text.insert(index, ins.text(), ins.attributes());
            }
            RelativePosition after = RelativePosition.fromTypeIndex(text, index + ins.text().length(), -1);
            if (ins.stream() != null) {
                streams.put(ins.stream(), after);
            }
            return Base64.getEncoder().encodeToString(after.encode());
        } else if (op instanceof EditOp.TextDelete del) {
            YText text = (YText) target;
            range(i, del.index(), del.length(), text.length());
            text.delete(del.index(), del.length());
        } else if (op instanceof EditOp.TextFormat fmt) {
            YText text = (YText) target;
            range(i, fmt.index(), fmt.length(), text.length());
            text.format(fmt.index(), fmt.length(), fmt.attributes());
        } else if (op instanceof EditOp.MapSet set) {
            ((YMap) target).set(set.key(), Values.content(set.value()));
        } else if (op instanceof EditOp.MapDelete del) {
            ((YMap) target).delete(del.key());
        } else if (op instanceof EditOp.ArrayInsert ins) {
            YArray array = (YArray) target;
            int index = index(i, ins.at(), array, array.length());
            if (!ins.values().isEmpty()) {
                array.insert(index, Values.contents(ins.values()));
            }
        } else if (op instanceof EditOp.ArrayDelete del) {
            YArray array = (YArray) target;
            range(i, del.index(), del.length(), array.length());
            array.delete(del.index(), del.length());
        } else if (op instanceof EditOp.XmlInsert ins) {
            YXmlFragment fragment = (YXmlFragment) target;
            int index = index(i, ins.at(), fragment, fragment.length());
            if (!ins.nodes().isEmpty()) {
                fragment.insert(index, ins.nodes().stream().map(XmlNodes::build).map(Object.class::cast).toList());
            }
        } else if (op instanceof EditOp.XmlDelete del) {
            YXmlFragment fragment = (YXmlFragment) target;
            range(i, del.index(), del.length(), fragment.length());
            fragment.delete(del.index(), del.length());
        } else if (op instanceof EditOp.XmlSetAttribute set) {
            element(i, target).setAttribute(set.attribute(), set.value());
        } else if (op instanceof EditOp.XmlRemoveAttribute rm) {
            element(i, target).removeAttribute(rm.attribute());
        }
        return null;
    }

    private void setSchema(int i, EditOp.SchemaSet set, Map<String, RootType> schema) {
        if (!schema.isEmpty()) {
            if (!schema.equals(set.roots())) {
                throw new EditRejectedException(i, "the document's schema is set already: " + describe(schema));
            }
            return;
        }
        for (Map.Entry<String, RootType> e : set.roots().entrySet()) {
            String name = e.getKey();
            if (DocumentSchema.ROOT.equals(name)) {
                throw new EditRejectedException(i, "root " + name + " is reserved for the schema");
            }
            AbstractType<?> existing = doc.share().get(name);
            RootType actual = null;
            if (existing != null) {
                actual = existing.isUntyped() ? fromKind(doc.inferRootKind(name)) : RootType.of(existing).orElse(null);
            }
            if (existing != null && !existing.isUntyped() && actual != e.getValue()
                    || existing != null && actual != null && actual != e.getValue()) {
                throw new EditRejectedException(i, "root " + name + " holds a " + (actual == null ? "type of another kind"
                    : actual.apiName()) + ", not a " + e.getValue().apiName());
            }
        }
        var map = doc.getMap(DocumentSchema.ROOT);
        for (Map.Entry<String, RootType> e : new java.util.TreeMap<>(set.roots()).entrySet()) {
            map.set(e.getKey(), e.getValue().apiName());
            defined.accept(e.getKey(), e.getValue().define(doc, e.getKey()));
        }
    }

    private static RootType fromKind(RootKind kind) {
        return kind == null ? null : RootType.of(kind);
    }

    private static String describe(Map<String, RootType> schema) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(schema).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(':')
            .append(v.apiName()));
        return sb.toString();
    }

    private int insertIndex(int i, EditOp.TextInsert ins, YText text) {
        if (ins.at() != null) {
            return index(i, ins.at(), text, text.length());
        }
        RelativePosition anchor = streams.get(ins.stream());
        if (anchor == null) {
            throw new EditRejectedException(i, "unknown stream " + ins.stream() + ": give its first chunk an index or position");
        }
        return resolve(i, anchor, text);
    }

    private int index(int i, EditOp.Position at, AbstractType<?> type, int length) {
        if (at instanceof EditOp.End) {
            return length;
        }
        if (at instanceof EditOp.Index idx) {
            if (idx.index() > length) {
                throw new EditRejectedException(i, "index " + idx.index() + " is out of range (length " + length + ")");
            }
            return idx.index();
        }
        RelativePosition position;
        try {
            position = RelativePosition.decode(((EditOp.Relative) at).encoded());
        } catch (RuntimeException e) {
            throw new EditRejectedException(i, "\"position\" is not a Yjs relative position");
        }
        return resolve(i, position, type);
    }

    private int resolve(int i, RelativePosition position, AbstractType<?> type) {
        AbsolutePosition absolute = position.toAbsolute(doc);
        if (absolute == null || absolute.type() != type) {
            throw new EditRejectedException(i, "the position does not point into this type");
        }
        return (int) absolute.index();
    }

    private static void range(int i, int index, int length, int size) {
        if ((long) index + length > size) {
            throw new EditRejectedException(i, "range " + index + "+" + length + " is out of range (length " + size + ")");
        }
    }

    private static YXmlElement element(int i, AbstractType<?> target) {
        if (!(target instanceof YXmlElement element)) {
            throw new EditRejectedException(i, "attributes belong to XML elements: the path must lead to one");
        }
        return element;
    }

    /** The type the operation acts on: its root (typed now if it is not yet), then along its path. */
    private AbstractType<?> target(int i, EditOp op, Map<String, RootType> schema, Map<String, RootType> declared) {
        if (DocumentSchema.ROOT.equals(op.root())) {
            throw new EditRejectedException(i, "root " + op.root() + " is reserved for the schema");
        }
        AbstractType<?> current = root(i, op, schema, declared);
        for (Object step : op.path()) {
            current = step(i, current, step);
        }
        boolean fits = switch (op.target()) {
            case TEXT -> current instanceof YText;
            case MAP -> current instanceof YMap;
            case ARRAY -> current instanceof YArray;
            case XML -> current instanceof YXmlFragment;
        };
        if (!fits) {
            throw new EditRejectedException(i, op.name() + " needs a " + op.target().apiName() + " but "
                + where(op) + " is " + describe(current));
        }
        return current;
    }

    private AbstractType<?> root(int i, EditOp op, Map<String, RootType> schema, Map<String, RootType> declared) {
        String name = op.root();
        RootType fromSchema = schema.get(name);
        RootType fromRequest = declared.get(name);
        if (fromSchema != null && fromRequest != null && fromSchema != fromRequest) {
            throw new EditRejectedException(i, "root " + name + " is a " + fromSchema.apiName()
                + " by the document's schema, not a " + fromRequest.apiName());
        }
        RootType named = fromSchema != null ? fromSchema : fromRequest;
        AbstractType<?> existing = doc.share().get(name);
        if (existing != null && !existing.isUntyped()) {
            RootType actual = RootType.of(existing).orElse(null);
            if (named != null && actual != named) {
                throw new EditRejectedException(i, "root " + name + " is a " + describe(existing) + ", not a "
                    + named.apiName());
            }
            defined.accept(name, existing);
            return existing;
        }
        RootType type = named;
        if (type == null && existing != null) {
            RootKind kind = doc.inferRootKind(name);
            type = kind == null ? null : RootType.of(kind);
        }
        if (type == null) {
            throw new EditRejectedException(i, "unknown root " + name
                + ": the document has no such root and neither its schema nor the request's \"roots\" names it");
        }
        AbstractType<?> root = type.define(doc, name);
        defined.accept(name, root);
        return root;
    }

    private static AbstractType<?> step(int i, AbstractType<?> current, Object step) {
        Object next;
        if (current instanceof YMap map && step instanceof String key) {
            next = map.has(key) ? map.get(key) : null;
        } else if (current instanceof YArray array && step instanceof Integer index) {
            next = index < array.length() ? array.get(index) : null;
        } else if (current instanceof YXmlFragment fragment && step instanceof Integer index) {
            next = index < fragment.length() ? fragment.get(index) : null;
        } else {
            throw new EditRejectedException(i, "path step " + step + " does not fit " + describe(current));
        }
        if (!(next instanceof AbstractType<?> type)) {
            throw new EditRejectedException(i, "path step " + step + " does not lead to a nested type");
        }
        return type;
    }

    private static String where(EditOp op) {
        return op.path().isEmpty() ? "root " + op.root() : "the type at " + op.root() + op.path();
    }

    private static String describe(AbstractType<?> type) {
        if (type instanceof YXmlElement) {
            return "an XML element";
        }
        return RootType.of(type).map(RootType::apiName).orElse("an untyped root");
    }
}
