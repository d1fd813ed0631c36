package dev.skein.doc.edit;

import dev.skein.doc.content.RootType;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the JSON of an edit request, {@code {"ops":[…], "roots":{…}?}}, checking the shape of every
 * operation (names and fields exactly as documented, integers where integers belong); whether an
 * operation fits the document is decided when it is applied ({@link EditApplier}).
 */
public final class EditOps {

    /** Most operations in one request. */
    public static final int MAX_OPS = 10_000;

    private static final Set<String> COMMON = Set.of("op", "root", "path");

    private EditOps() {
    }

    /**
     * Parses a request body.
     *
     * @throws EditRejectedException naming the first malformed operation (-1: the body itself)
     */
    public static EditRequestBody parse(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (YDecodingException e) {
            throw new EditRejectedException(-1, "the body is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> body)) {
            throw new EditRejectedException(-1, "the body must be an object {\"ops\":[…]}");
        }
        for (Object key : body.keySet()) {
            if (!"ops".equals(key) && !"roots".equals(key)) {
                throw new EditRejectedException(-1, "unknown field \"" + key + "\" (expected ops, roots)");
            }
        }
        if (!(body.get("ops") instanceof List<?> list) || list.isEmpty()) {
            throw new EditRejectedException(-1, "\"ops\" must be a non-empty array of operations");
        }
        if (list.size() > MAX_OPS) {
            throw new EditRejectedException(-1, "at most " + MAX_OPS + " operations per request");
        }
        Map<String, RootType> roots = roots(body.get("roots"));
        List<EditOp> ops = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            ops.add(op(i, list.get(i)));
        }
        return new EditRequestBody(List.copyOf(ops), roots);
    }

    private static Map<String, RootType> roots(Object value) {
        Map<String, RootType> roots = new LinkedHashMap<>();
        if (value == null) {
            return roots;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new EditRejectedException(-1, "\"roots\" must be an object {\"name\":\"text|array|map|xml\"}");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String type = e.getValue() instanceof String s ? s : "";
            roots.put((String) e.getKey(), RootType.fromApiName(type).orElseThrow(() -> new EditRejectedException(-1,
                "root " + e.getKey() + ": type must be text, array, map or xml")));
        }
        return roots;
    }

    private static EditOp op(int i, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new EditRejectedException(i, "an operation must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        Fields f = new Fields(i, m);
        String name = f.string("op");
        if ("schema.set".equals(name)) {
            f.only("roots");
            if (m.containsKey("root") || m.containsKey("path")) {
                throw new EditRejectedException(i, "schema.set takes only \"roots\"");
            }
            Map<String, RootType> roots;
            try {
                roots = roots(m.get("roots"));
            } catch (EditRejectedException e) {
                throw new EditRejectedException(i, e.getMessage());
            }
            if (roots.isEmpty()) {
                throw new EditRejectedException(i, "schema.set needs \"roots\": {\"name\":\"text|array|map|xml\"}");
            }
            return new EditOp.SchemaSet(Map.copyOf(roots));
        }
        String root = f.string("root");
        List<Object> path = f.path();
        return switch (name) {
            case "text.insert" -> {
                f.only("index", "position", "text", "embed", "attributes", "stream");
                String stream = f.optionalString("stream");
                EditOp.Position at = f.has("index") || f.has("position") || stream == null ? f.position() : null;
                if (f.has("embed")) {
                    if (f.has("text") || stream != null) {
                        throw new EditRejectedException(i, "text.insert takes \"text\" or \"embed\", not both, and no stream with an embed");
                    }
                    if (!(m.get("embed") instanceof Map<?, ?>)) {
                        throw new EditRejectedException(i, "\"embed\" must be a JSON object");
                    }
                    yield new EditOp.TextInsert(root, path, at, "", f.attributes(false), null, m.get("embed"));
                }
                yield new EditOp.TextInsert(root, path, at, f.string("text"), f.attributes(false), stream, null);
            }
            case "text.delete" -> {
                f.only("index", "length");
                yield new EditOp.TextDelete(root, path, f.integer("index"), f.integer("length"));
            }
            case "text.format" -> {
                f.only("index", "length", "attributes");
                yield new EditOp.TextFormat(root, path, f.integer("index"), f.integer("length"), f.attributes(true));
            }
            case "map.set" -> {
                f.only("key", "value");
                if (!m.containsKey("value")) {
                    throw new EditRejectedException(i, "map.set needs \"value\"");
                }
                yield new EditOp.MapSet(root, path, f.string("key"), Values.checked(i, m.get("value")));
            }
            case "map.delete" -> {
                f.only("key");
                yield new EditOp.MapDelete(root, path, f.string("key"));
            }
            case "array.insert" -> {
                f.only("index", "position", "values");
                EditOp.Position at = f.position();
                List<Object> values = f.list("values");
                values.forEach(v -> Values.checked(i, v));
                yield new EditOp.ArrayInsert(root, path, at, values);
            }
            case "array.delete" -> {
                f.only("index", "length");
                yield new EditOp.ArrayDelete(root, path, f.integer("index"), f.integer("length"));
            }
            case "xml.insert" -> {
                f.only("index", "position", "nodes");
                EditOp.Position at = f.position();
                List<Object> nodes = f.list("nodes");
                nodes.forEach(n -> XmlNodes.check(i, n));
                yield new EditOp.XmlInsert(root, path, at, nodes);
            }
            case "xml.delete" -> {
                f.only("index", "length");
                yield new EditOp.XmlDelete(root, path, f.integer("index"), f.integer("length"));
            }
            case "xml.setAttribute" -> {
                f.only("name", "value");
                yield new EditOp.XmlSetAttribute(root, path, f.string("name"), f.string("value"));
            }
            case "xml.removeAttribute" -> {
                f.only("name");
                yield new EditOp.XmlRemoveAttribute(root, path, f.string("name"));
            }
            default -> throw new EditRejectedException(i, "unknown operation \"" + name + "\"");
        };
    }

    /** Reads the fields of one operation, refusing what does not fit. */
    private record Fields(int op, Map<String, Object> m) {

        boolean has(String name) {
            return m.containsKey(name);
        }

        void only(String... allowed) {
            Set<String> names = Set.of(allowed);
            for (String key : m.keySet()) {
                if (!COMMON.contains(key) && !names.contains(key)) {
                    throw new EditRejectedException(op, "unknown field \"" + key + "\" for " + m.get("op"));
                }
            }
        }

        String string(String name) {
            if (!(m.get(name) instanceof String s)) {
                throw new EditRejectedException(op, "\"" + name + "\" must be a string");
            }
            return s;
        }

        String optionalString(String name) {
            return has(name) ? string(name) : null;
        }

        int integer(String name) {
            return integer(name, m.get(name));
        }

        int integer(String name, Object value) {
            if (!(value instanceof Double d) || d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new EditRejectedException(op, "\"" + name + "\" must be a non-negative integer");
            }
            return d.intValue();
        }

        List<Object> list(String name) {
            if (!(m.get(name) instanceof List<?> l)) {
                throw new EditRejectedException(op, "\"" + name + "\" must be an array");
            }
            return new ArrayList<>(l);
        }

        List<Object> path() {
            if (!has("path")) {
                return List.of();
            }
            if (!(m.get("path") instanceof List<?> l)) {
                throw new EditRejectedException(op, "\"path\" must be an array of keys and indexes");
            }
            List<Object> path = new ArrayList<>(l.size());
            for (Object step : l) {
                if (step instanceof String s) {
                    path.add(s);
                } else {
                    path.add(integer("path", step));
                }
            }
            return List.copyOf(path);
        }

        EditOp.Position position() {
            if (has("index") && has("position")) {
                throw new EditRejectedException(op, "give \"index\" or \"position\", not both");
            }
            if (has("position")) {
                String encoded = string("position");
                try {
                    return new EditOp.Relative(Base64.getDecoder().decode(encoded));
                } catch (IllegalArgumentException e) {
                    throw new EditRejectedException(op, "\"position\" must be a base64 Yjs relative position");
                }
            }
            if ("end".equals(m.get("index"))) {
                return new EditOp.End();
            }
            if (!has("index")) {
                throw new EditRejectedException(op, "\"index\" is required (a non-negative integer or \"end\")");
            }
            return new EditOp.Index(integer("index"));
        }

        Map<String, Object> attributes(boolean required) {
            Object value = m.get("attributes");
            if (value == null && !required) {
                return null;
            }
            if (!(value instanceof Map<?, ?> attrs)) {
                throw new EditRejectedException(op, "\"attributes\" must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) attrs);
            return copy;
        }
    }
}
