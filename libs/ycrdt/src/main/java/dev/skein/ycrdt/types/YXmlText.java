package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.lib0.JsObjects;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text inside XML (Yjs's {@code Y.XmlText}): its formatting prints as nested tags. */
public class YXmlText extends YText {

    /** A new, empty XML text. */
    public YXmlText() {
    }

    /** A new XML text that will hold {@code initial} once it is part of a document. */
    public YXmlText(String initial) {
        super(initial);
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YXmlText();
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.XML_TEXT);
    }

    /** The next sibling node, or null. */
    public AbstractType<?> nextSibling() {
        Item n = item == null ? null : item.next();
        return n == null ? null : ((ContentType) n.content()).type();
    }

    /** The previous sibling node, or null. */
    public AbstractType<?> prevSibling() {
        Item n = item == null ? null : item.prev();
        return n == null ? null : ((ContentType) n.content()).type();
    }

    /** Each formatted run as {@code <attr key="value">text</attr>}, as Yjs prints XML text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Delta d : toDelta()) {
            Delta.Insert op = (Delta.Insert) d;
            List<String[]> nodes = new ArrayList<>();
            List<List<String[]>> nodeAttrs = new ArrayList<>();
            if (op.attributes() != null) {
                List<String> names = new ArrayList<>(JsObjects.keys(op.attributes()));
                names.sort(null);
                for (String nodeName : names) {
                    Object value = op.attributes().get(nodeName);
                    List<String[]> attrs = new ArrayList<>();
                    List<String> keys = forInKeys(value);
                    for (String key : keys) {
                        attrs.add(new String[] {key, JsValues.toJsString(JsValues.property(value, key))});
                    }
                    attrs.sort((a, b) -> a[0].compareTo(b[0]));
                    nodes.add(new String[] {nodeName});
                    nodeAttrs.add(attrs);
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                out.append('<').append(nodes.get(i)[0]);
                for (String[] a : nodeAttrs.get(i)) {
                    out.append(' ').append(a[0]).append("=\"").append(a[1]).append('"');
                }
                out.append('>');
            }
            out.append(JsValues.toJsString(op.insert()));
            for (int i = nodes.size() - 1; i >= 0; i--) {
                out.append("</").append(nodes.get(i)[0]).append('>');
            }
        }
        return out.toString();
    }

    /** The keys {@code for (key in value)} visits: own enumerable keys (string indexes too). */
    private static List<String> forInKeys(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof byte[] || value instanceof String) {
            List<String> k = JsValues.ownKeys(value);
            return k == null ? List.of() : k;
        }
        return List.of();
    }

    @Override
    public Object toJSON() {
        return toString();
    }
}
