package dev.skein.loadtool.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario measured: fields for the JSON result line (in insertion order) and lines of
 * a readable summary.
 */
public final class Result {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();

    /** A result of {@code scenario}. */
    public Result(String scenario) {
        fields.put("scenario", scenario);
    }

    /** Sets a field (a later put of the same name replaces the value in place). */
    public Result put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** Adds a summary line. */
    public Result line(String text) {
        summary.add(text);
        return this;
    }

    /** The value of field {@code name}, or null. */
    public Object get(String name) {
        return fields.get(name);
    }

    /** Every field. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The summary lines. */
    public List<String> summary() {
        return summary;
    }

    /** The JSON result line. */
    public String toJson() {
        return JsonLine.of(fields);
    }
}
