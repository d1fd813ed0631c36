package dev.skein.ycrdt.update.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of {@link dev.skein.ycrdt.update.Updates} against the real yjs package.
 *
 * <p>{@code src/test/js/diff/scenarios.mjs} plays random multi-client Yjs sessions and records
 * yjs's merge / diff / state-vector / conversion / meta results; every recorded call is replayed
 * here and must give the same bytes (rules in {@link CaseChecker}). Node writes scenarios while
 * this class checks the ones already written, so generation and checking overlap.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code skein.diff.seeds} number of scenarios (default {@value #DEFAULT_SEEDS});</li>
 *   <li>{@code skein.diff.from} first seed (default 1);</li>
 *   <li>{@code skein.diff.file} check an existing JSON-lines file instead of running Node;</li>
 *   <li>{@code skein.node} the Node executable (default {@code node}).</li>
 * </ul>
 * To look at one seed: {@code mvn -pl libs/ycrdt test -Dtest=UpdatesDifferentialTest
 * -Dskein.diff.from=17 -Dskein.diff.seeds=1}. The bytes of failing cases are written to
 * {@code target/differential/failures}.
 */
class UpdatesDifferentialTest {

    static final int DEFAULT_SEEDS = 300;

    private static final Map<String, AtomicInteger> FAILURES_BY_KIND = new TreeMap<>();
    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger FAILED_SCENARIOS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> yjsScenarios() {
        Path work = NodeScripts.moduleDir().resolve("target/differential");
        Path dumps = work.resolve("failures");
        String file = System.getProperty("skein.diff.file");
        if (file != null) {
            BufferedReader r;
            try {
                r = Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return linesAsTests(r, null, null, -1, dumps, "(from " + file + ")");
        }
        NodeScripts.requireNodeAndModules();
        long from = Long.getLong("skein.diff.from", 1L);
        int count = Integer.getInteger("skein.diff.seeds", DEFAULT_SEEDS);
        Path log = work.resolve("scenarios-stderr.log");
        Process p = NodeScripts.start(List.of("diff/scenarios.mjs", "--from", Long.toString(from),
                "--count", Integer.toString(count)), log);
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 20);
        return linesAsTests(r, p, log, count, dumps, null);
    }

    /**
     * One dynamic test per line, read lazily so that JUnit checks a scenario while Node writes
     * the next; when Node is the source, a last test checks that it exited cleanly after
     * writing every scenario.
     */
    private static Stream<DynamicTest> linesAsTests(BufferedReader r, Process node, Path log, int expected,
                                                    Path dumps, String source) {
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
                    return DynamicTest.dynamicTest("scenarios.mjs exit status", () -> checkExit(node, log, expected, read.get()));
                }
                read.incrementAndGet();
                String name = "seed " + seedOf(line);
                return DynamicTest.dynamicTest(name, () -> checkScenario(line, dumps, source));
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

    private static void checkExit(Process node, Path log, int expected, int read) throws InterruptedException {
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("scenarios.mjs did not exit; log: " + log);
        }
        if (node.exitValue() != 0) {
            fail("scenarios.mjs exited with " + node.exitValue() + " after " + read + " scenarios:\n" + NodeScripts.tail(log));
        }
        assertEquals(expected, read, "scenarios written by scenarios.mjs");
    }

    private static String seedOf(String line) {
        // the writer puts "seed" first; avoid parsing the whole line just for the test name
        int colon = line.indexOf(':');
        int comma = line.indexOf(',');
        return colon > 0 && comma > colon ? line.substring(colon + 1, comma).replace("\"", "") : "?";
    }

    static void checkScenario(String line, Path dumps, String source) {
        DiffScenario s = DiffScenario.parse(line);
        // a hang in ycrdt must fail this scenario rather than stall the build
        List<CaseChecker.Failure> failures = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> CaseChecker.checkAll(s), () -> "seed " + s.seed + " did not finish within 120 s");
        SCENARIOS.incrementAndGet();
        CASES.addAndGet(s.cases.size());
        if (failures.isEmpty()) {
            return;
        }
        FAILED_SCENARIOS.incrementAndGet();
        synchronized (FAILURES_BY_KIND) {
            for (CaseChecker.Failure f : failures) {
                FAILURES_BY_KIND.computeIfAbsent(f.c().kind() + (f.c().bad() ? " (malformed)" : ""),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        }
        String reproduce = source != null ? source
                : "cd libs/ycrdt/src/test/js && node diff/scenarios.mjs --seed " + s.seed + " --out /tmp/seed-" + s.seed + ".jsonl"
                + "  (then -Dskein.diff.file=/tmp/seed-" + s.seed + ".jsonl)";
        fail(CaseChecker.report(s, failures, dumps, reproduce));
    }

    @AfterAll
    static void summary() {
        StringBuilder sb = new StringBuilder("[differential] ").append(SCENARIOS.get()).append(" scenarios, ")
                .append(CASES.get()).append(" yjs calls replayed, ").append(FAILED_SCENARIOS.get())
                .append(" scenarios with differences");
        synchronized (FAILURES_BY_KIND) {
            FAILURES_BY_KIND.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v.get()));
        }
        System.getLogger(UpdatesDifferentialTest.class.getName()).log(System.Logger.Level.INFO, sb.toString());
    }
}
