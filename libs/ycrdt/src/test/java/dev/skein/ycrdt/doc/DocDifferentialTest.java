package dev.skein.ycrdt.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.differential.NodeScripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The document model against the real yjs: {@code src/test/js/doc/scenarios.mjs} runs random
 * multi-replica editing sessions with yjs and records every operation, every update emitted
 * (v1 and v2), observed events, delivery orders (out of order: pending structs and deletions),
 * snapshots, relative positions and each replica's final JSON and state; {@link ScenarioReplay}
 * replays each on ycrdt documents with the same client ids and demands the same bytes and JSON.
 *
 * <p>Properties: {@code skein.docdiff.seeds} (default {@value #DEFAULT_SEEDS}),
 * {@code skein.docdiff.from} (first seed, default 1), {@code skein.docdiff.file} (replay a
 * JSON-lines file written by {@code node doc/scenarios.mjs --from S --count N --out FILE}).
 */
class DocDifferentialTest {

    static final int DEFAULT_SEEDS = 400;

    @TestFactory
    Stream<DynamicTest> yjsScenarios() {
        Path failures = NodeScripts.moduleDir().resolve("target/doc-differential/failures");
        String file = System.getProperty("skein.docdiff.file");
        if (file != null) {
            try {
                return linesAsTests(Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8), null, null, -1, failures);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        NodeScripts.requireNodeAndModules();
        long from = Long.getLong("skein.docdiff.from", 1L);
        int count = Integer.getInteger("skein.docdiff.seeds", DEFAULT_SEEDS);
        Path log = NodeScripts.moduleDir().resolve("target/doc-differential/scenarios-stderr.log");
        Process p = NodeScripts.start(List.of("doc/scenarios.mjs", "--from", Long.toString(from), "--count",
                Integer.toString(count)), log);
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 20);
        return linesAsTests(r, p, log, count, failures);
    }

    private static Stream<DynamicTest> linesAsTests(BufferedReader r, Process node, Path log, int expected, Path failures) {
        AtomicInteger read = new AtomicInteger();
        Iterator<DynamicTest> it = new Iterator<>() {
            private String next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = r.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (next == null) {
                    done = true;
                    if (node != null) {
                        next = "";
                        return true;
                    }
                    return false;
                }
                return true;
            }

            @Override
            public DynamicTest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                if (line.isEmpty() && done) {
                    return DynamicTest.dynamicTest("scenarios.mjs exit status", () -> {
                        if (!node.waitFor(60, TimeUnit.SECONDS)) {
                            node.destroyForcibly();
                            fail("doc/scenarios.mjs did not exit; log: " + log);
                        }
                        assertEquals(0, node.exitValue(), () -> "doc/scenarios.mjs failed:\n" + NodeScripts.tail(log));
                        assertEquals(expected, read.get(), "scenarios written");
                    });
                }
                read.incrementAndGet();
                int colon = line.indexOf(':');
                int comma = line.indexOf(',');
                String seed = colon > 0 && comma > colon ? line.substring(colon + 1, comma) : "?";
                return DynamicTest.dynamicTest("seed " + seed, () -> check(line, seed, failures));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(() -> {
                    if (node != null) {
                        node.destroy();
                    }
                    try {
                        r.close();
                    } catch (IOException ignored) {
                        // nothing left to read
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static void check(String line, String seed, Path failures) throws IOException {
        Map<String, Object> sc = (Map<String, Object>) Json.parse(line);
        if (sc.containsKey("error")) {
            fail("yjs failed on seed " + seed + ": " + sc.get("error"));
        }
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new ScenarioReplay(sc).run(),
                    () -> "seed " + seed + " did not finish within 60 s");
        } catch (RuntimeException | AssertionError e) {
            Files.createDirectories(failures);
            Path dump = failures.resolve("seed-" + seed + ".jsonl");
            Files.writeString(dump, line + "\n", StandardCharsets.UTF_8);
            throw new AssertionError("seed " + seed + " differs from yjs (scenario saved to " + dump
                    + ", replay with -Dskein.docdiff.file=" + dump + "):\n" + e.getMessage(), e);
        }
    }
}
