package dev.skein.doc.changes;

import dev.skein.doc.content.ContentJson;
import dev.skein.doc.content.RootType;
import dev.skein.ycrdt.doc.Subscription;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.EntryChange;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YEvent;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.types.YXmlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a live document's events into JSON, root by root: for each root that changed, its type
 * and the list of its events as yjs's {@code observeDeep} gives them (the changed type's
 * {@code path} from the root, then a text or list {@code delta} with inserts as JSON, or the
 * changed {@code keys} of a map or of an XML element's attributes with their new values), and for
 * XML roots their new XML string as {@code value} (an XML string is not patched as easily as a
 * list).
 *
 * <p>Not thread-safe: used on the consuming thread only.
 */
public final class ChangeCollector {

    private final Map<String, Subscription> observed = new HashMap<>();
    private final Map<String, Map<String, Object>> pending = new LinkedHashMap<>();

    /** Starts collecting the events of a typed root (idempotent). */
    public void observe(String name, AbstractType<?> root) {
        if (observed.containsKey(name)) {
            return;
        }
        RootType type = RootType.of(root).orElse(null);
        if (type == null) {
            return;
        }
        observed.put(name, root.observeDeep(events -> collect(name, type, root, events)));
    }

    /** Whether a root is observed. */
    public boolean observes(String name) {
        return observed.containsKey(name);
    }

    /** The changes collected since the last drain, by root (empty when nothing changed); clears them. */
    public Map<String, Map<String, Object>> drain() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(pending);
        pending.clear();
        return out;
    }

    /** Forgets what was collected. */
    public void discard() {
        pending.clear();
    }

    /**
     * A root that had no type (nothing in it told) and now holds content whose events were not
     * seen: announced as a change from empty to what it holds.
     */
    public void appeared(String name, AbstractType<?> root) {
        RootType type = RootType.of(root).orElse(null);
        if (type == null) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("path", List.of());
        event.put("target", type.apiName());
        switch (type) {
            case TEXT -> event.put("delta", ContentJson.delta(((YText) root).toDelta()));
            case ARRAY -> {
                List<Object> values = ((YArray) root).toArray().stream()
                    .map(v -> v instanceof AbstractType<?> t ? t.toJSON() : v).toList();
                event.put("delta", values.isEmpty() ? List.of() : List.of(Map.of("insert", values)));
            }
            case MAP -> {
                Map<String, Object> keys = new LinkedHashMap<>();
                ((YMap) root).entries().forEach((k, v) -> keys.put(k, Map.of("action", "add",
                    "value", v instanceof AbstractType<?> t ? t.toJSON() : v)));
                event.put("keys", keys);
            }
            case XML -> event.put("delta", List.of());
        }
        entry(name, type, root).add(event);
    }

    private void collect(String name, RootType type, AbstractType<?> root, List<YEvent> events) {
        List<Map<String, Object>> list = entry(name, type, root);
        for (YEvent event : events) {
            list.add(describe(event));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entry(String name, RootType type, AbstractType<?> root) {
        Map<String, Object> change = pending.computeIfAbsent(name, n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type.apiName());
            m.put("events", new ArrayList<Map<String, Object>>());
            return m;
        });
        if (type == RootType.XML) {
            change.put("value", root.toJSON());
        }
        return (List<Map<String, Object>>) change.get("events");
    }

    private static Map<String, Object> describe(YEvent event) {
        AbstractType<?> target = event.target();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", new ArrayList<>(event.path()));
        out.put("target", kind(target));
        if (target instanceof YText || target instanceof YArray || target instanceof YXmlFragment) {
            out.put("delta", ContentJson.delta(event.delta()));
        }
        if (target instanceof YMap || target instanceof YXmlElement) {
            Map<String, Object> keys = new LinkedHashMap<>();
            for (Map.Entry<String, EntryChange> e : event.keys().entrySet()) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("action", e.getValue().action().jsName());
                if (e.getValue().action() != EntryChange.Action.DELETE) {
                    Object value = target instanceof YMap map ? map.get(e.getKey())
                        : ((YXmlElement) target).getAttribute(e.getKey());
                    k.put("value", value instanceof AbstractType<?> t ? t.toJSON() : value);
                }
                keys.put(e.getKey(), k);
            }
            out.put("keys", keys);
        }
        return out;
    }

    private static String kind(AbstractType<?> type) {
        if (type instanceof YXmlText) {
            return "xmlText";
        }
        if (type instanceof YXmlElement) {
            return "xmlElement";
        }
        return RootType.of(type).map(RootType::apiName).orElse("unknown");
    }
}
