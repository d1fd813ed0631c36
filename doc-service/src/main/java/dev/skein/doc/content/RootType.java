package dev.skein.doc.content;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlFragment;
import java.util.Optional;

/**
 * The type of a root as the API names it. Yjs updates do not say which type a root is: the caller,
 * the document's schema or the content decides.
 */
public enum RootType {
    /** {@code Y.Text}: JSON is the string (or its delta with {@code ?text=delta}). */
    TEXT("text"),
    /** {@code Y.Array}. */
    ARRAY("array"),
    /** {@code Y.Map}. */
    MAP("map"),
    /** {@code Y.XmlFragment}: JSON is its XML string, as yjs prints it. */
    XML("xml");

    private final String apiName;

    RootType(String apiName) {
        this.apiName = apiName;
    }

    /** The name in URLs and JSON. */
    public String apiName() {
        return apiName;
    }

    /** The type named {@code name}, if it is one. */
    public static Optional<RootType> fromApiName(String name) {
        for (RootType t : values()) {
            if (t.apiName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type ycrdt infers from a root's content. */
    public static RootType of(RootKind kind) {
        return switch (kind) {
            case TEXT -> TEXT;
            case ARRAY -> ARRAY;
            case MAP -> MAP;
            case XML_FRAGMENT -> XML;
        };
    }

    /** The type of a typed root object; empty for an untyped root (or an XML element, not a root type here). */
    public static Optional<RootType> of(AbstractType<?> type) {
        if (type instanceof YText) {
            return Optional.of(TEXT);
        }
        if (type instanceof YArray) {
            return Optional.of(ARRAY);
        }
        if (type instanceof YMap) {
            return Optional.of(MAP);
        }
        if (type.getClass() == YXmlFragment.class) {
            return Optional.of(XML);
        }
        return Optional.empty();
    }

    /**
     * Root {@code name} of {@code doc} as this type (Yjs's {@code doc.getText(name)} etc.).
     *
     * @throws IllegalArgumentException if the root is already typed otherwise
     */
    public AbstractType<?> define(Doc doc, String name) {
        return switch (this) {
            case TEXT -> doc.getText(name);
            case ARRAY -> doc.getArray(name);
            case MAP -> doc.getMap(name);
            case XML -> doc.getXmlFragment(name);
        };
    }
}
