package dev.skein.doc.edit;

import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * XML nodes of {@code xml.insert}: {@code {"element":"p","attributes":{"k":"v"}?,"children":[…]?}}
 * or {@code {"text":"…"}}, or a text with formatting {@code {"delta":[{"insert":"a","attributes":{"bold":true}},…]}}
 * (runs as yjs's {@code toDelta()} gives them; an insert may be an embed object).
 */
final class XmlNodes {

    private XmlNodes() {
    }

    /** Checks a node spec (recursively). */
    static void check(int op, Object node) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new EditRejectedException(op, "an XML node must be {\"element\":…} or {\"text\":…}");
        }
        if (m.containsKey("text")) {
            if (m.size() != 1 || !(m.get("text") instanceof String)) {
                throw new EditRejectedException(op, "an XML text node is {\"text\":\"…\"}");
            }
            return;
        }
        if (m.containsKey("delta")) {
            if (m.size() != 1 || !(m.get("delta") instanceof List<?> runs)) {
                throw new EditRejectedException(op, "a formatted XML text node is {\"delta\":[{\"insert\":…,\"attributes\":{…}?}]}");
            }
            for (Object run : runs) {
                if (!(run instanceof Map<?, ?> r) || !(r.get("insert") instanceof String || r.get("insert") instanceof Map<?, ?>)
                        || r.containsKey("attributes") && !(r.get("attributes") instanceof Map<?, ?>)
                        || !Set.of("insert", "attributes").containsAll(r.keySet())) {
                    throw new EditRejectedException(op, "each run of an XML text's delta is {\"insert\": string or embed object, "
                        + "\"attributes\": {…}?}");
                }
            }
            return;
        }
        if (!(m.get("element") instanceof String name) || name.isEmpty()) {
            throw new EditRejectedException(op, "an XML element needs \"element\": its node name");
        }
        for (Object key : m.keySet()) {
            if (!Set.of("element", "attributes", "children").contains(key)) {
                throw new EditRejectedException(op, "unknown field \"" + key + "\" of an XML element");
            }
        }
        if (m.containsKey("attributes")) {
            if (!(m.get("attributes") instanceof Map<?, ?> attrs)
                    || !attrs.values().stream().allMatch(v -> v instanceof String)) {
                throw new EditRejectedException(op, "XML attributes must be an object of strings");
            }
        }
        if (m.containsKey("children")) {
            if (!(m.get("children") instanceof List<?> children)) {
                throw new EditRejectedException(op, "XML children must be an array of nodes");
            }
            children.forEach(c -> check(op, c));
        }
    }

    /** A new (unintegrated) node for a checked spec. */
    static AbstractType<?> build(Object node) {
        Map<?, ?> m = (Map<?, ?>) node;
        if (m.containsKey("text")) {
            return new YXmlText((String) m.get("text"));
        }
        if (m.get("delta") instanceof List<?> runs) {
            YXmlText text = new YXmlText();
            List<Delta> delta = new ArrayList<>();
            for (Object run : runs) {
                Map<?, ?> r = (Map<?, ?>) run;
                Map<String, Object> attributes = new LinkedHashMap<>();
                if (r.get("attributes") instanceof Map<?, ?> attrs) {
                    attrs.forEach((k, v) -> attributes.put((String) k, v));
                }
                delta.add(new Delta.Insert(r.get("insert"), attributes));
            }
            // applied when the node is integrated, as yjs does with prelim content
            text.applyDelta(delta);
            return text;
        }
        YXmlElement element = new YXmlElement((String) m.get("element"));
        if (m.get("attributes") instanceof Map<?, ?> attrs) {
            attrs.forEach((k, v) -> element.setAttribute((String) k, v));
        }
        if (m.get("children") instanceof List<?> children) {
            element.insert(0, children.stream().map(XmlNodes::build).map(Object.class::cast).toList());
        }
        return element;
    }
}
