package dev.skein.storage.history;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlFragment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's roots as JSON-ready values ({@code toJSON()} of each, as yjs gives them): the
 * roots asked for, in that order; without any, every root whose type its content tells, in the
 * order the document met them (a root with nothing in it tells nothing and is left out).
 */
public final class DocumentJson {

    private DocumentJson() {
    }

    /** The roots of {@code doc} by name. */
    public static Map<String, Object> of(Doc doc, List<RootSpec> roots) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (RootSpec root : roots.isEmpty() ? inferred(doc) : roots) {
            json.put(root.name(), root.in(doc).toJSON());
        }
        return json;
    }

    /** The roots whose type their content tells. */
    public static List<RootSpec> inferred(Doc doc) {
        List<RootSpec> roots = new ArrayList<>();
        for (String name : new ArrayList<>(doc.share().keySet())) {
            RootKind kind = doc.share().get(name).isUntyped() ? doc.inferRootKind(name) : kindOf(doc, name);
            if (kind != null) {
                roots.add(new RootSpec(name, kind));
            }
        }
        return roots;
    }

    private static RootKind kindOf(Doc doc, String name) {
        // exact classes: an XML element or XML text root is no fragment or text to getXmlFragment/getText
        Class<?> type = doc.share().get(name).getClass();
        if (type == YText.class) {
            return RootKind.TEXT;
        } else if (type == YMap.class) {
            return RootKind.MAP;
        } else if (type == YArray.class) {
            return RootKind.ARRAY;
        } else if (type == YXmlFragment.class) {
            return RootKind.XML_FRAGMENT;
        }
        return null;
    }
}
