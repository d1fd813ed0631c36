package dev.skein.doc.content;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.types.AbstractType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the roots of a document their types: named by the caller, else by the document's schema,
 * else inferred from the content ({@link Doc#inferRootKind}); remembers which way each was decided.
 */
public final class RootTyping {

    /** How a root's type was decided. */
    public enum Source {
        /** Named by the caller. */
        NAMED,
        /** Named by the document's schema. */
        SCHEMA,
        /** Inferred from the content. */
        INFERRED,
        /** Already typed in the document. */
        TYPED
    }

    /** A root with its type and how it was decided. */
    public record TypedRoot(String name, RootType type, Source source) {
    }

    private RootTyping() {
    }

    /**
     * Types every root of {@code doc}: those in {@code named} as named (and only those when it is
     * not empty), else every root of the document and of its schema; roots whose type cannot be
     * told (all their content deleted and collected) are left out. The schema root is never part.
     *
     * @throws IllegalArgumentException if a named root is already typed otherwise in {@code doc}
     */
    public static Map<String, TypedRoot> type(Doc doc, Map<String, RootType> named) {
        Map<String, TypedRoot> out = new LinkedHashMap<>();
        if (!named.isEmpty()) {
            named.forEach((name, type) -> {
                type.define(doc, name);
                out.put(name, new TypedRoot(name, type, Source.NAMED));
            });
            return out;
        }
        Map<String, RootType> schema = DocumentSchema.of(doc);
        for (String name : new ArrayList<>(doc.share().keySet())) {
            if (!DocumentSchema.ROOT.equals(name)) {
                typeOf(doc, name, schema).ifPresent(t -> out.put(name, t));
            }
        }
        schema.forEach((name, type) -> out.computeIfAbsent(name, n -> {
            type.define(doc, n);
            return new TypedRoot(n, type, Source.SCHEMA);
        }));
        return out;
    }

    /**
     * Types one root by the schema or its content, if it is not typed yet; empty when nothing
     * tells its type.
     */
    public static Optional<TypedRoot> typeOf(Doc doc, String name, Map<String, RootType> schema) {
        AbstractType<?> existing = doc.share().get(name);
        if (existing != null && !existing.isUntyped()) {
            return RootType.of(existing).map(t -> new TypedRoot(name, t, Source.TYPED));
        }
        RootType fromSchema = schema.get(name);
        if (fromSchema != null) {
            fromSchema.define(doc, name);
            return Optional.of(new TypedRoot(name, fromSchema, Source.SCHEMA));
        }
        RootKind kind = doc.inferRootKind(name);
        if (kind == null) {
            return Optional.empty();
        }
        RootType type = RootType.of(kind);
        type.define(doc, name);
        return Optional.of(new TypedRoot(name, type, Source.INFERRED));
    }
}
