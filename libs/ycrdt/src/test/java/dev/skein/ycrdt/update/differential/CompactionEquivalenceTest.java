package dev.skein.ycrdt.update.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.UpdateFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compaction must not change what a document holds: for the merge inputs of random multi-client
 * yjs scenarios (the same {@code diff/scenarios.mjs} sessions the algebra differential test uses),
 * {@code mergeAndCompact} is loaded into a real yjs document and compared id by id with one loaded
 * from the original updates ({@code compact/equivalence.mjs}).
 */
class CompactionEquivalenceTest {

    private static final int SCENARIOS = Integer.getInteger("skein.compaction.scenarios", 120);

    /** B4: every per-keystroke update compacted in one pass is as small as promised and loads equal. */
    @Test
    void b4CompactsBelowTargetAndLoadsEqualToTheYjsState() throws IOException, InterruptedException {
        NodeScripts.requireNodeAndModules();
        Path b4 = B4DifferentialTest.ensureB4Inputs();
        List<byte[]> updates = B4DifferentialTest.readLpb(b4.resolve("updates.lpb.gz"));
        byte[] compacted = Compaction.mergeAndCompact(updates);
        assertTrue(compacted.length <= 280_000, "B4 compacts to " + compacted.length + " bytes");
        Path work = NodeScripts.moduleDir().resolve("target/compaction");
        Files.createDirectories(work);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "B4");
        row.put("v2", false);
        row.put("originals", List.of(Base64.getEncoder().encodeToString(Files.readAllBytes(b4.resolve("state.bin")))));
        row.put("compacted", Base64.getEncoder().encodeToString(compacted));
        Path cases = work.resolve("b4-case.jsonl");
        Files.writeString(cases, Json.stringify(row) + "\n", StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        int checked = check(cases, work.resolve("b4-results.jsonl"), work.resolve("b4-equivalence.log"), failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(1, checked);
    }

    @Test
    void compactedMergesLoadIntoEqualYjsDocuments() throws IOException, InterruptedException {
        NodeScripts.requireNodeAndModules();
        Path work = NodeScripts.moduleDir().resolve("target/compaction");
        Files.createDirectories(work);
        Path cases = work.resolve("cases.jsonl");
        int written = 0;
        Process gen = NodeScripts.start(List.of("diff/scenarios.mjs", "--from", "1000", "--count", Integer.toString(SCENARIOS)),
                work.resolve("scenarios.log"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(gen.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(cases, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                DiffScenario s = DiffScenario.parse(line);
                for (DiffScenario.Case c : s.cases) {
                    boolean v1 = c.kind().equals("mergeUpdates");
                    if (!(v1 || c.kind().equals("mergeUpdatesV2")) || c.bad() || c.err() != null || c.in().length == 0) {
                        continue;
                    }
                    List<byte[]> inputs = new ArrayList<>();
                    for (int i : c.in()) {
                        inputs.add(s.blobs[i]);
                    }
                    byte[] compacted = Compaction.mergeAndCompact(inputs, v1 ? UpdateFormat.V1 : UpdateFormat.V2);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", "seed " + s.seed + " case " + c.index() + " " + c.kind());
                    row.put("v2", !v1);
                    List<Object> originals = new ArrayList<>();
                    inputs.forEach(b -> originals.add(Base64.getEncoder().encodeToString(b)));
                    row.put("originals", originals);
                    row.put("compacted", Base64.getEncoder().encodeToString(compacted));
                    out.write(Json.stringify(row));
                    out.write('\n');
                    written++;
                }
            }
        }
        if (gen.waitFor() != 0) {
            fail("scenarios.mjs failed: " + NodeScripts.tail(work.resolve("scenarios.log")));
        }
        assertTrue(written > SCENARIOS, "too few merge cases: " + written);
        List<String> failures = new ArrayList<>();
        int checked = check(cases, work.resolve("results.jsonl"), work.resolve("equivalence.log"), failures);
        assertTrue(failures.isEmpty(), failures.size() + " of " + written + " compactions differ, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        // most cases must be loadable by yjs, or the comparison proved little
        assertTrue(checked > written * 3 / 4, "only " + checked + " of " + written + " cases could be loaded by yjs");
    }

    /** Runs compact/equivalence.mjs over the cases; returns how many yjs could load, collects failures. */
    private static int check(Path cases, Path results, Path log, List<String> failures) throws IOException, InterruptedException {
        Process check = NodeScripts.start(List.of("compact/equivalence.mjs", cases.toString()), log);
        Files.copy(check.getInputStream(), results, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!check.waitFor(Duration.ofMinutes(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || check.exitValue() != 0) {
            fail("equivalence.mjs failed: " + NodeScripts.tail(log));
        }
        int checked = 0;
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) Json.parse(line);
            if (Boolean.TRUE.equals(r.get("checked"))) {
                checked++;
            }
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                failures.add(r.get("name") + ": " + r.get("reason"));
            }
        }
        return checked;
    }
}
