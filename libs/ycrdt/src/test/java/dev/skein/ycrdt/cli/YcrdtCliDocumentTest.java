package dev.skein.ycrdt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.differential.B4DifferentialTest;
import dev.skein.ycrdt.update.differential.NodeScripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document commands ({@code json}, {@code text}, {@code state}) print what yjs gives for the
 * same inputs ({@code src/test/js/doc/cli-cases.mjs} computes yjs's outputs for the states of
 * random scenarios, v1 and v2, and for shuffled update streams; B4 is checked too).
 */
class YcrdtCliDocumentTest {

    @TempDir
    Path tmp;

    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status;

        Run(String... args) {
            status = new YcrdtCli(new PrintStream(out, true), new PrintStream(err, true)).run(args);
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> commandsPrintWhatYjsPrints() throws IOException {
        Path dir = NodeScripts.moduleDir().resolve("target/cli-cases");
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            NodeScripts.requireNodeAndModules();
            NodeScripts.run(List.of("doc/cli-cases.mjs", dir.toString(), "--count", "25"), Duration.ofMinutes(5),
                    NodeScripts.moduleDir().resolve("target/cli-cases.log"));
        }
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("manifest.json")));
        List<String> rootArgs = new ArrayList<>();
        for (Object r : (List<Object>) manifest.get("roots")) {
            rootArgs.add("--root");
            rootArgs.add((String) r);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Object c : (List<Object>) manifest.get("cases")) {
            Map<String, Object> k = (Map<String, Object>) c;
            String name = (String) k.get("name");
            String input = dir.resolve((String) k.get("input")).toString();
            boolean v2 = Boolean.TRUE.equals(k.get("v2"));
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<String> fmt = v2 ? List.of("--v2") : List.of();
                checkOutput(dir.resolve(name + ".json-typed"), concat(List.of("json"), fmt, rootArgs, List.of(input)));
                checkOutput(dir.resolve(name + ".json-untyped"), concat(List.of("json"), fmt, List.of(input)));
                checkOutput(dir.resolve(name + ".text"), concat(List.of("text", "--root", "t"), fmt, List.of(input)));
                checkOutput(dir.resolve(name + ".state"), concat(List.of("state"), fmt, List.of(input)));
            }));
        }
        return tests.stream();
    }

    @SafeVarargs
    private static String[] concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all.toArray(new String[0]);
    }

    /** Same output as yjs; where yjs has none (JSON.stringify threw on a BigInt) the CLI fails. */
    private static void checkOutput(Path expected, String[] args) throws IOException {
        Run r = new Run(args);
        if (!Files.exists(expected)) {
            assertTrue(r.status != 0, () -> String.join(" ", args) + ": yjs could not print this, ycrdt printed "
                    + r.out.toString(StandardCharsets.UTF_8));
            return;
        }
        assertEquals(0, r.status, () -> String.join(" ", args) + ": " + r.err);
        byte[] exp = Files.readAllBytes(expected);
        if (!java.util.Arrays.equals(exp, r.out.toByteArray())) {
            assertEquals(new String(exp, StandardCharsets.UTF_8), r.out.toString(StandardCharsets.UTF_8),
                    String.join(" ", args));
            assertArrayEquals(exp, r.out.toByteArray(), String.join(" ", args));
        }
    }

    @Test
    void b4StateAsJsonTextAndState() throws IOException {
        Path b4 = B4DifferentialTest.ensureB4Inputs();
        String state = b4.resolve("state.bin").toString();
        Run json = new Run("json", "--root", "text=text", state);
        assertEquals(0, json.status, json.err::toString);
        Run text = new Run("text", state);
        assertEquals(json.out.toString(StandardCharsets.UTF_8),
                Json.stringify(Map.of("text", text.out.toString(StandardCharsets.UTF_8))) + "\n");
        Run untyped = new Run("json", state);
        assertEquals("{}\n", untyped.out.toString(StandardCharsets.UTF_8), "an untyped root prints nothing, as in yjs");
        Run inferred = new Run("json", "--infer", state);
        assertEquals(json.out.toString(StandardCharsets.UTF_8), inferred.out.toString(StandardCharsets.UTF_8),
                "B4's root is text by its content");
        Path out = tmp.resolve("state.bin");
        Run st = new Run("state", "-o", out.toString(), b4.resolve("updates.lpb.gz").toString());
        assertEquals(0, st.status, st.err::toString);
        assertArrayEquals(Files.readAllBytes(b4.resolve("state.bin")), Files.readAllBytes(out));
    }

    @Test
    void documentCommandsRejectBadArgumentsAndNameBadRecords() throws IOException {
        assertEquals(2, new Run("json", "--root", "t=tree", "x.bin").status);
        assertEquals(2, new Run("json", "--root", "t", "x.bin").status);
        assertEquals(2, new Run("json", "-o", "out.json", "x.bin").status);
        assertEquals(2, new Run("merge", "--root", "t=text", "x.bin").status);
        Path good = Files.write(tmp.resolve("good.bin"), new byte[] {0, 0});
        Path bad = Files.write(tmp.resolve("bad.bin"), new byte[] {1, 1, 5});
        Run r = new Run("json", good.toString(), bad.toString());
        assertEquals(1, r.status);
        assertTrue(r.err.toString().contains("bad.bin"), r.err::toString);
        Run text = new Run("text", good.toString());
        assertEquals(0, text.status);
        assertEquals("", text.out.toString(StandardCharsets.UTF_8), "an empty document has an empty text");
    }
}
