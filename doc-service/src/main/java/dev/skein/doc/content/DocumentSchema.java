package dev.skein.doc.content;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document's schema: which type each named root has, set once for everyone.
 *
 * <p>It is kept in the document itself, in the root map {@value #ROOT} (root name → type name), so
 * that it is stored, replicated, replayed and compacted with the content and needs no storage of
 * its own. Editors never ask for that root, so they never see it; the JSON API leaves it out.
 */
public final class DocumentSchema {

    /** The root map holding the schema. */
    public static final String ROOT = "skein:schema";

    private DocumentSchema() {
    }

    /** The schema of a document (empty when none was set); unknown type names are ignored. */
    public static Map<String, RootType> of(Doc doc) {
        AbstractType<?> root = doc.share().get(ROOT);
        if (root == null) {
            return Map.of();
        }
        YMap map = root instanceof YMap m ? m : doc.getMap(ROOT);
        Map<String, RootType> schema = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entries().entrySet()) {
            if (e.getValue() instanceof String s) {
                RootType.fromApiName(s).ifPresent(t -> schema.put(e.getKey(), t));
            }
        }
        return Collections.unmodifiableMap(schema);
    }
}
