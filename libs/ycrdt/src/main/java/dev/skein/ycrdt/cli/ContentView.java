package dev.skein.ycrdt.cli;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.struct.ContentAny;
import dev.skein.ycrdt.struct.ContentBinary;
import dev.skein.ycrdt.struct.ContentDeleted;
import dev.skein.ycrdt.struct.ContentDoc;
import dev.skein.ycrdt.struct.ContentEmbed;
import dev.skein.ycrdt.struct.ContentFormat;
import dev.skein.ycrdt.struct.ContentJson;
import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.ContentType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON-ready description of an item's content for {@code inspect}. */
final class ContentView {

    private static final String[] TYPE_NAMES = {"array", "map", "text", "xmlElement", "xmlFragment", "xmlHook", "xmlText"};

    private ContentView() {
    }

    static Map<String, Object> of(Content c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c instanceof ContentString s) {
            m.put("kind", "string");
            m.put("value", s.str());
        } else if (c instanceof ContentDeleted d) {
            m.put("kind", "deleted");
            m.put("length", (double) d.length());
        } else if (c instanceof ContentAny a) {
            m.put("kind", "any");
            m.put("values", printable(a.values()));
        } else if (c instanceof ContentJson j) {
            m.put("kind", "json");
            m.put("values", printable(j.values()));
        } else if (c instanceof ContentBinary b) {
            m.put("kind", "binary");
            m.put("base64", Base64.getEncoder().encodeToString(b.bytes()));
        } else if (c instanceof ContentEmbed e) {
            m.put("kind", "embed");
            m.put("value", printable(e.embed()));
        } else if (c instanceof ContentFormat f) {
            m.put("kind", "format");
            m.put("key", f.key());
            m.put("value", printable(f.value()));
        } else if (c instanceof ContentType t) {
            m.put("kind", "type");
            m.put("type", TYPE_NAMES[t.typeRef()]);
            if (t.name() != null) {
                m.put("name", t.name());
            }
        } else if (c instanceof ContentDoc d) {
            m.put("kind", "doc");
            m.put("guid", d.guid());
            m.put("opts", printable(d.opts()));
        }
        return m;
    }

    /** Values JSON cannot show (undefined, bigint, bytes) as strings. */
    private static Object printable(Object v) {
        if (v == Any.UNDEFINED) {
            return "<undefined>";
        }
        if (v instanceof java.math.BigInteger b) {
            return b + "n";
        }
        if (v instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(printable(x)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put((String) k, printable(x)));
            return out;
        }
        return v;
    }
}
