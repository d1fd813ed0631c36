package dev.skein.doc.changes;

import dev.skein.ycrdt.lib0.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a follower of the change topic does, without Yjs: applies the entries of change records to
 * its copy of the document's JSON (root texts kept as deltas, as {@code GET content?text=delta}
 * gives them; nested texts as strings). Test support: if the change events are right, the copy
 * equals the document's next JSON.
 */
public final class ChangeReplay {

    private ChangeReplay() {
    }

    /** Applies every entry of a change record value ({@code {"changes":[…]}}) to {@code json}. */
    @SuppressWarnings("unchecked")
    public static void applyRecord(Map<String, Object> json, String recordValue) {
        Map<String, Object> record = (Map<String, Object>) Json.parse(recordValue);
        for (Object entry : (List<Object>) record.get("changes")) {
            applyRoots(json, (Map<String, Object>) ((Map<String, Object>) entry).get("roots"));
        }
    }

    /** Applies one entry's {@code roots} to {@code json}. */
    @SuppressWarnings("unchecked")
    public static void applyRoots(Map<String, Object> json, Map<String, ?> roots) {
        for (Map.Entry<String, ?> root : roots.entrySet()) {
            Map<String, Object> change = (Map<String, Object>) root.getValue();
            String type = (String) change.get("type");
            if ("xml".equals(type)) {
                json.put(root.getKey(), change.get("value"));
                continue;
            }
            if (!json.containsKey(root.getKey())) {
                json.put(root.getKey(), switch (type) {
                    case "text" -> new ArrayList<>();
                    case "array" -> new ArrayList<>();
                    default -> new LinkedHashMap<>();
                });
            }
            for (Object e : (List<Object>) change.get("events")) {
                Map<String, Object> event = (Map<String, Object>) e;
                List<Object> path = (List<Object>) event.get("path");
                boolean rootText = path.isEmpty() && "text".equals(type);
                Object parentHolder = json;
                Object key = root.getKey();
                for (Object step : path) {
                    parentHolder = get(parentHolder, key);
                    key = step;
                }
                Object target = get(parentHolder, key);
                if (event.containsKey("keys")) {
                    Map<String, Object> map = (Map<String, Object>) target;
                    ((Map<String, Object>) event.get("keys")).forEach((k, v) -> {
                        Map<String, Object> kc = (Map<String, Object>) v;
                        if ("delete".equals(kc.get("action"))) {
                            map.remove(k);
                        } else {
                            map.put(k, kc.get("value"));
                        }
                    });
                }
                if (event.containsKey("delta")) {
                    List<Object> delta = (List<Object>) event.get("delta");
                    if (rootText) {
                        set(parentHolder, key, applyTextDelta((List<Object>) target, delta));
                    } else if (target instanceof String s) {
                        set(parentHolder, key, applyStringDelta(s, delta));
                    } else {
                        applyListDelta((List<Object>) target, delta);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object holder, Object key) {
        return holder instanceof Map<?, ?> m ? m.get(key) : ((List<Object>) holder).get(((Number) key).intValue());
    }

    @SuppressWarnings("unchecked")
    private static void set(Object holder, Object key, Object value) {
        if (holder instanceof Map<?, ?>) {
            ((Map<Object, Object>) holder).put(key, value);
        } else {
            ((List<Object>) holder).set(((Number) key).intValue(), value);
        }
    }

    private static void applyListDelta(List<Object> list, List<Object> delta) {
        int pos = 0;
        for (Object o : delta) {
            Map<?, ?> op = (Map<?, ?>) o;
            if (op.containsKey("retain")) {
                pos += ((Number) op.get("retain")).intValue();
            } else if (op.containsKey("delete")) {
                for (int i = 0; i < ((Number) op.get("delete")).intValue(); i++) {
                    list.remove(pos);
                }
            } else {
                for (Object v : (List<?>) op.get("insert")) {
                    list.add(pos++, v);
                }
            }
        }
    }

    private static String applyStringDelta(String s, List<Object> delta) {
        StringBuilder sb = new StringBuilder(s);
        int pos = 0;
        for (Object o : delta) {
            Map<?, ?> op = (Map<?, ?>) o;
            if (op.containsKey("retain")) {
                pos += ((Number) op.get("retain")).intValue();
            } else if (op.containsKey("delete")) {
                sb.delete(pos, pos + ((Number) op.get("delete")).intValue());
            } else if (op.get("insert") instanceof String ins) {
                sb.insert(pos, ins);
                pos += ins.length();
            }
        }
        return sb.toString();
    }

    /** One position of a text: a character (as a one-char string) or an embed, with its attributes. */
    private record Unit(Object content, Map<String, Object> attributes) {
    }

    @SuppressWarnings("unchecked")
    private static List<Object> applyTextDelta(List<Object> textDelta, List<Object> delta) {
        List<Unit> units = new ArrayList<>();
        for (Object o : textDelta) {
            Map<String, Object> op = (Map<String, Object>) o;
            Map<String, Object> attrs = op.get("attributes") == null ? Map.of() : (Map<String, Object>) op.get("attributes");
            if (op.get("insert") instanceof String s) {
                s.chars().forEach(c -> units.add(new Unit(String.valueOf((char) c), attrs)));
            } else {
                units.add(new Unit(op.get("insert"), attrs));
            }
        }
        int pos = 0;
        for (Object o : delta) {
            Map<String, Object> op = (Map<String, Object>) o;
            Map<String, Object> attrs = op.get("attributes") == null ? Map.of() : (Map<String, Object>) op.get("attributes");
            if (op.containsKey("retain")) {
                int n = ((Number) op.get("retain")).intValue();
                for (int i = 0; i < n; i++, pos++) {
                    if (!attrs.isEmpty()) {
                        Map<String, Object> next = new LinkedHashMap<>(units.get(pos).attributes());
                        attrs.forEach((k, v) -> {
                            if (v == null) {
                                next.remove(k);
                            } else {
                                next.put(k, v);
                            }
                        });
                        units.set(pos, new Unit(units.get(pos).content(), next));
                    }
                }
            } else if (op.containsKey("delete")) {
                for (int i = 0; i < ((Number) op.get("delete")).intValue(); i++) {
                    units.remove(pos);
                }
            } else if (op.get("insert") instanceof String s) {
                for (char c : s.toCharArray()) {
                    units.add(pos++, new Unit(String.valueOf(c), attrs));
                }
            } else {
                units.add(pos++, new Unit(op.get("insert"), attrs));
            }
        }
        List<Object> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        Map<String, Object> runAttrs = null;
        for (Unit u : units) {
            if (u.content() instanceof String s && runAttrs != null && Objects.equals(runAttrs, u.attributes())) {
                run.append(s);
                continue;
            }
            flush(out, run, runAttrs);
            if (u.content() instanceof String s) {
                run.append(s);
                runAttrs = u.attributes();
            } else {
                out.add(insert(u.content(), u.attributes()));
                runAttrs = null;
            }
        }
        flush(out, run, runAttrs);
        return out;
    }

    private static void flush(List<Object> out, StringBuilder run, Map<String, Object> attrs) {
        if (run.length() > 0) {
            out.add(insert(run.toString(), attrs));
            run.setLength(0);
        }
    }

    private static Map<String, Object> insert(Object content, Map<String, Object> attrs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("insert", content);
        if (attrs != null && !attrs.isEmpty()) {
            m.put("attributes", attrs);
        }
        return m;
    }
}
