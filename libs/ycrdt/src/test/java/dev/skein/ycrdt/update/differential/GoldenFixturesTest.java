package dev.skein.ycrdt.update.differential;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed yjs results in {@code src/test/resources/update/golden.jsonl}, checked without
 * Node so that every build (also one without {@code npm ci}) compares ycrdt with yjs on each
 * content kind and each algebra call. Regenerate with
 * {@code node src/test/js/diff/gen-golden.mjs} after changing that script.
 */
class GoldenFixturesTest {

    private static final String RESOURCE = "/update/golden.jsonl";

    private static List<String> lines() throws IOException {
        InputStream in = GoldenFixturesTest.class.getResourceAsStream(RESOURCE);
        assertNotNull(in, RESOURCE + " is missing from the test classpath");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFixtures() throws IOException {
        Path dumps = Paths.get(System.getProperty("basedir", "."), "target", "differential", "failures-golden");
        return lines().stream().map(line -> {
            DiffScenario s = DiffScenario.parse(line);
            return DynamicTest.dynamicTest(s.seed, () -> {
                List<CaseChecker.Failure> failures = CaseChecker.checkAll(s);
                if (!failures.isEmpty()) {
                    fail(CaseChecker.report(s, failures, dumps, "node src/test/js/diff/gen-golden.mjs (fixture file: src/test/resources" + RESOURCE + ")"));
                }
            });
        });
    }

    /** Guards the fixture file itself: a regenerated file must still cover every call. */
    @Test
    void fixturesCoverEveryCallAndMalformedInputs() throws IOException {
        Set<String> kinds = new TreeSet<>();
        boolean malformed = false;
        for (String line : lines()) {
            for (DiffScenario.Case c : DiffScenario.parse(line).cases) {
                kinds.add(c.kind());
                malformed |= c.bad() && c.err() != null;
            }
        }
        assertTrue(kinds.containsAll(Set.of("mergeUpdates", "mergeUpdatesV2", "diffUpdate", "diffUpdateV2",
                "encodeStateVectorFromUpdate", "encodeStateVectorFromUpdateV2", "convertUpdateFormatV1ToV2",
                "convertUpdateFormatV2ToV1", "parseUpdateMeta", "parseUpdateMetaV2")), "kinds: " + kinds);
        assertTrue(malformed, "no malformed case where yjs throws");
        assertFalse(kinds.isEmpty());
    }
}
