package dev.skein.loadtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.loadtool.cli.LoadToolMain;
import dev.skein.ycrdt.lib0.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One run of the load tool's command line in this JVM, with what it printed. */
public record ToolRun(int exitCode, String stdout, String stderr) {

    /** Runs {@code load-tool args...}. */
    public static ToolRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = LoadToolMain.run(List.of(args), o, e);
        }
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The single JSON result line, parsed; fails unless standard output is exactly one line. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        List<String> lines = stdout.lines().toList();
        assertEquals(1, lines.size(), () -> "expected one JSON line on stdout, got:\n" + stdout + "\nstderr:\n" + stderr);
        assertTrue(lines.get(0).startsWith("{"), () -> "not JSON: " + lines.get(0));
        return (Map<String, Object>) Json.parse(lines.get(0));
    }

    /** Everything printed, for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }

    /** A number field by dotted path ({@code latency.p99_ms}). */
    public static double number(Map<String, Object> json, String path) {
        Object value = field(json, path);
        if (!(value instanceof Number n)) {
            throw new AssertionError(path + " is not a number: " + value + " in " + json);
        }
        return n.doubleValue();
    }

    /** A field by dotted path. */
    @SuppressWarnings("unchecked")
    public static Object field(Map<String, Object> json, String path) {
        Object current = json;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("no field " + path + " in " + json);
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }
}
