package dev.skein.storage.history;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.types.AbstractType;
import java.util.Locale;

/**
 * A root of a document and the type to read it as: {@code NAME:TYPE}, TYPE one of {@code text},
 * {@code map}, {@code array}, {@code xml} (an XML fragment). Updates do not say a root's type, so
 * whoever shows a document names it, as a yjs client does with {@code doc.getText(NAME)}.
 *
 * @param name the root's name
 * @param kind its type
 */
public record RootSpec(String name, RootKind kind) {

    /**
     * Parses {@code NAME:TYPE} (the name may itself hold colons: the type follows the last one).
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static RootSpec parse(String spec) {
        int colon = spec == null ? -1 : spec.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("root '" + spec + "' is not NAME:TYPE (text, map, array or xml)");
        }
        String type = spec.substring(colon + 1).toLowerCase(Locale.ROOT);
        RootKind kind = switch (type) {
            case "text" -> RootKind.TEXT;
            case "map" -> RootKind.MAP;
            case "array" -> RootKind.ARRAY;
            case "xml" -> RootKind.XML_FRAGMENT;
            default -> throw new IllegalArgumentException("root type '" + type + "' is not text, map, array or xml");
        };
        return new RootSpec(spec.substring(0, colon), kind);
    }

    /** The type's name in {@code NAME:TYPE}. */
    public String typeName() {
        return switch (kind) {
            case TEXT -> "text";
            case MAP -> "map";
            case ARRAY -> "array";
            case XML_FRAGMENT -> "xml";
        };
    }

    /** The root in {@code doc}, of this type (created empty when the document has none). */
    public AbstractType<?> in(Doc doc) {
        return switch (kind) {
            case TEXT -> doc.getText(name);
            case MAP -> doc.getMap(name);
            case ARRAY -> doc.getArray(name);
            case XML_FRAGMENT -> doc.getXmlFragment(name);
        };
    }
}
