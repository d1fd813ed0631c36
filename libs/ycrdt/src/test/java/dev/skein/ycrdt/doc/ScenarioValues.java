package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.JsObjects;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.types.YXmlHook;
import dev.skein.ycrdt.types.YXmlText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@code src/test/js/doc/values.mjs}: builds values from the scenario's value
 * descriptions exactly as the Node side does, and encodes event payloads the same way.
 */
final class ScenarioValues {

    private ScenarioValues() {
    }

    @SuppressWarnings("unchecked")
    static Object dec(Object d) {
        if (!(d instanceof Map<?, ?> || d instanceof List<?>)) {
            return d;
        }
        if (d instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(dec(o));
            }
            return out;
        }
        Map<String, Object> m = (Map<String, Object>) d;
        if (m.containsKey("$u")) {
            return Any.UNDEFINED;
        }
        if (m.containsKey("$n")) {
            return switch ((String) m.get("$n")) {
                case "-0" -> -0.0d;
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException(m.toString());
            };
        }
        if (m.containsKey("$b")) {
            return Base64.getDecoder().decode((String) m.get("$b"));
        }
        if (m.containsKey("$i")) {
            return new BigInteger((String) m.get("$i"));
        }
        if (m.containsKey("$d")) {
            Map<String, Object> sd = (Map<String, Object>) m.get("$d");
            Map<String, Object> opts = (Map<String, Object>) sd.get("opts");
            DocOptions o = DocOptions.defaults().withGuid((String) sd.get("guid"));
            if (opts.containsKey("gc")) {
                o = o.withGc(JsObjects.truthy(opts.get("gc")));
            }
            if (opts.containsKey("autoLoad")) {
                o = o.withAutoLoad(JsObjects.truthy(opts.get("autoLoad")));
            }
            if (opts.containsKey("meta")) {
                o = o.withMeta(opts.get("meta"));
            }
            return new Doc(o);
        }
        if (m.containsKey("$t")) {
            Object init = m.get("init");
            switch ((String) m.get("$t")) {
                case "text":
                    return init == null ? new YText() : new YText((String) init);
                case "xmltext":
                    return init == null ? new YXmlText() : new YXmlText((String) init);
                case "array": {
                    YArray a = new YArray();
                    if (init != null) {
                        a.insert(0, (List<Object>) dec(init));
                    }
                    return a;
                }
                case "map":
                case "xmlhook": {
                    YMap map = "map".equals(m.get("$t")) ? new YMap() : new YXmlHook((String) m.get("name"));
                    if (init != null) {
                        Map<String, Object> im = (Map<String, Object>) init;
                        for (String k : JsObjects.keys(im)) {
                            map.set(k, dec(im.get(k)));
                        }
                    }
                    return map;
                }
                case "xmlel": {
                    YXmlElement e = new YXmlElement((String) m.get("name"));
                    if (m.get("attrs") instanceof Map<?, ?> attrs) {
                        for (String k : JsObjects.keys(attrs)) {
                            e.setAttribute(k, dec(attrs.get(k)));
                        }
                    }
                    if (m.get("children") instanceof List<?> children) {
                        e.insert(0, (List<Object>) dec(children));
                    }
                    return e;
                }
                default:
                    throw new IllegalArgumentException("unknown type " + m.get("$t"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : JsObjects.keys(m)) {
            out.put(k, dec(m.get(k)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decMap(Object d) {
        return (Map<String, Object>) dec(d);
    }

    static String typeName(AbstractType<?> t) {
        if (t instanceof YXmlText) {
            return "YXmlText";
        }
        if (t instanceof YText) {
            return "YText";
        }
        if (t instanceof YXmlHook) {
            return "YXmlHook";
        }
        if (t instanceof YMap) {
            return "YMap";
        }
        if (t instanceof YArray) {
            return "YArray";
        }
        if (t instanceof YXmlElement) {
            return "YXmlElement";
        }
        if (t instanceof YXmlFragment) {
            return "YXmlFragment";
        }
        return "AbstractType";
    }

    /** {@code enc} of values.mjs. */
    static Object enc(Object v) {
        if (v == Any.UNDEFINED) {
            return Map.of("$u", 1.0);
        }
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof BigInteger b) {
            return Map.of("$i", b.toString());
        }
        if (v instanceof Number n) {
            double x = n.doubleValue();
            if (Double.isFinite(x) && !(x == 0 && 1 / x < 0)) {
                return x;
            }
            String s = x == 0 ? "-0" : Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
            return Map.of("$n", s);
        }
        if (v instanceof byte[] b) {
            return Map.of("$b", Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof AbstractType<?> t) {
            return Map.of("$type", typeName(t));
        }
        if (v instanceof Doc d) {
            return Map.of("$doc", d.guid());
        }
        if (v instanceof Delta op) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (op instanceof Delta.Insert i) {
                m.put("insert", enc(i.insert()));
                if (i.attributes() != null) {
                    m.put("attributes", enc(i.attributes()));
                }
            } else if (op instanceof Delta.Retain r) {
                m.put("retain", (double) r.retain());
                if (r.attributes() != null) {
                    m.put("attributes", enc(r.attributes()));
                }
            } else if (op instanceof Delta.Delete del) {
                m.put("delete", (double) del.delete());
            }
            return m;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(enc(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : JsObjects.keys(m)) {
                out.put(k, enc(m.get(k)));
            }
            return out;
        }
        throw new IllegalArgumentException("cannot encode " + v.getClass());
    }
}
