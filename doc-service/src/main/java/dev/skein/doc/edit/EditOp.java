package dev.skein.doc.edit;

import dev.skein.doc.content.RootType;
import java.util.List;
import java.util.Map;

/**
 * One operation of an edit request ({@code POST /docs/{id}/edits}), as parsed from its JSON. Every
 * operation names a root and optionally a {@code path} into nested types (map keys and list
 * indexes, from the root); {@link #target()} is the kind of type it acts on.
 */
public sealed interface EditOp {

    /** The root the operation starts from. */
    String root();

    /** Keys (strings) and indexes (integers) from the root to the nested type acted on; empty for the root. */
    List<Object> path();

    /** The operation's name in JSON ({@code text.insert}, …). */
    String name();

    /** The kind of type acted on (also the root's type when the path is empty). */
    RootType target();

    /** Where to insert in a list: an index, the end, or a Yjs relative position. */
    sealed interface Position {
    }

    /** Before element {@code index}. */
    record Index(int index) implements Position {
    }

    /** After the last element. */
    record End() implements Position {
    }

    /** A Yjs relative position ({@code Y.encodeRelativePosition}), resolved in the current state. */
    record Relative(byte[] encoded) implements Position {
    }

    /**
     * {@code text.insert}: {@code text} at a position, with formatting; with {@code stream}, after
     * that stream's previous chunk; or instead of text an {@code embed} (a JSON object, as Quill's
     * and yjs's {@code insertEmbed}), then {@code text} is empty.
     */
    record TextInsert(String root, List<Object> path, Position at, String text, Map<String, Object> attributes,
            String stream, Object embed) implements EditOp {
        public String name() {
            return "text.insert";
        }

        public RootType target() {
            return RootType.TEXT;
        }
    }

    /** {@code text.delete}. */
    record TextDelete(String root, List<Object> path, int index, int length) implements EditOp {
        public String name() {
            return "text.delete";
        }

        public RootType target() {
            return RootType.TEXT;
        }
    }

    /** {@code text.format}: set (or with null values remove) attributes of a range. */
    record TextFormat(String root, List<Object> path, int index, int length, Map<String, Object> attributes)
            implements EditOp {
        public String name() {
            return "text.format";
        }

        public RootType target() {
            return RootType.TEXT;
        }
    }

    /** {@code map.set}: a JSON value or a nested type ({@code {"$ytext": …}} etc.). */
    record MapSet(String root, List<Object> path, String key, Object value) implements EditOp {
        public String name() {
            return "map.set";
        }

        public RootType target() {
            return RootType.MAP;
        }
    }

    /** {@code map.delete}. */
    record MapDelete(String root, List<Object> path, String key) implements EditOp {
        public String name() {
            return "map.delete";
        }

        public RootType target() {
            return RootType.MAP;
        }
    }

    /** {@code array.insert}. */
    record ArrayInsert(String root, List<Object> path, Position at, List<Object> values) implements EditOp {
        public String name() {
            return "array.insert";
        }

        public RootType target() {
            return RootType.ARRAY;
        }
    }

    /** {@code array.delete}. */
    record ArrayDelete(String root, List<Object> path, int index, int length) implements EditOp {
        public String name() {
            return "array.delete";
        }

        public RootType target() {
            return RootType.ARRAY;
        }
    }

    /** {@code xml.insert}: elements and texts ({@code {"element":…}} / {@code {"text":…}}) into a fragment or element. */
    record XmlInsert(String root, List<Object> path, Position at, List<Object> nodes) implements EditOp {
        public String name() {
            return "xml.insert";
        }

        public RootType target() {
            return RootType.XML;
        }
    }

    /** {@code xml.delete}: children of a fragment or element. */
    record XmlDelete(String root, List<Object> path, int index, int length) implements EditOp {
        public String name() {
            return "xml.delete";
        }

        public RootType target() {
            return RootType.XML;
        }
    }

    /** {@code xml.setAttribute} of an element (the path must lead to one). */
    record XmlSetAttribute(String root, List<Object> path, String attribute, String value) implements EditOp {
        public String name() {
            return "xml.setAttribute";
        }

        public RootType target() {
            return RootType.XML;
        }
    }

    /** {@code xml.removeAttribute} of an element. */
    record XmlRemoveAttribute(String root, List<Object> path, String attribute) implements EditOp {
        public String name() {
            return "xml.removeAttribute";
        }

        public RootType target() {
            return RootType.XML;
        }
    }

    /**
     * {@code schema.set}: the types of named roots, for everyone, once. Setting the same schema
     * again changes nothing; another one is refused.
     */
    record SchemaSet(Map<String, RootType> roots) implements EditOp {
        public String root() {
            return dev.skein.doc.content.DocumentSchema.ROOT;
        }

        public List<Object> path() {
            return List.of();
        }

        public String name() {
            return "schema.set";
        }

        public RootType target() {
            return RootType.MAP;
        }
    }
}
