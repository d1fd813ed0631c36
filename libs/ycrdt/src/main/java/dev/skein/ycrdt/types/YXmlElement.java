package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.ContentType;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Item;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An XML element: a node name, attributes and child nodes (Yjs's {@code Y.XmlElement}). */
public class YXmlElement extends YXmlFragment {

    private final String nodeName;
    private Map<String, Object> prelimAttrs = new LinkedHashMap<>();

    /** An element named {@code UNDEFINED}, as Yjs's default. */
    public YXmlElement() {
        this("UNDEFINED");
    }

    /** An element named {@code nodeName}. */
    public YXmlElement(String nodeName) {
        this.nodeName = nodeName;
    }

    /** The node name. */
    public String nodeName() {
        return nodeName;
    }

    @Override
    public void integrate(Doc y, Item holder) {
        super.integrate(y, holder);
        Map<String, Object> attrs = prelimAttrs;
        prelimAttrs = null;
        attrs.forEach((k, v) -> transact(t -> mapSet(t, k, v)));
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YXmlElement(nodeName);
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.XML_ELEMENT);
        encoder.writeKey(nodeName);
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

    /** Sets an attribute (usually a string; any value is accepted, as in Yjs). */
    public void setAttribute(String name, Object value) {
        Object v = normalizeMapValue(value);
        if (doc != null) {
            transact(t -> mapSet(t, name, v));
        } else {
            prelimAttrs.put(name, v);
        }
    }

    /** Removes an attribute. */
    public void removeAttribute(String name) {
        if (doc != null) {
            transact(t -> mapDelete(t, name));
        } else {
            prelimAttrs.remove(name);
        }
    }

    /** An attribute's value, or {@link dev.skein.ycrdt.lib0.Any#UNDEFINED}. */
    public Object getAttribute(String name) {
        return mapGet(name);
    }

    /** Whether the attribute is set. */
    public boolean hasAttribute(String name) {
        return mapHas(name);
    }

    /** All attributes. */
    public Map<String, Object> getAttributes() {
        return mapGetAll();
    }

    /** All attributes as of a snapshot. */
    public Map<String, Object> getAttributes(Snapshot snapshot) {
        return mapGetAllSnapshot(snapshot);
    }

    /** {@code <nodename key="value" ...>children</nodename>}, attributes sorted, as Yjs prints it. */
    @Override
    public String toString() {
        Map<String, Object> attrs = getAttributes();
        List<String> keys = new ArrayList<>(dev.skein.ycrdt.lib0.JsObjects.keys(attrs));
        keys.remove("__proto__");
        keys.sort(null);
        StringBuilder sb = new StringBuilder();
        String name = nodeName.toLowerCase(Locale.ROOT);
        sb.append('<').append(name);
        for (String key : keys) {
            sb.append(' ').append(key).append("=\"").append(JsValues.toJsString(attrs.get(key))).append('"');
        }
        sb.append('>').append(super.toString()).append("</").append(name).append('>');
        return sb.toString();
    }
}
