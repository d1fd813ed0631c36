package dev.skein.ycrdt.update.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.update.Updates;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * B4 (the automerge-paper trace, 259,778 per-keystroke updates from one client) against yjs.
 *
 * <p>{@code src/test/js/bench/b4-updates.mjs} replays the trace with yjs and writes the updates
 * and yjs's results to {@code target/b4} once; later runs reuse them (delete the directory to
 * regenerate). The trace is found through {@code -Dskein.traces.dir}, default
 * {@code <repo>/testdata/traces}.
 *
 * <p>yjs cannot merge all updates in one call in reasonable time, so its reference is a merge of
 * merges of 1,000-update chunks; b4-updates.mjs explains why that is byte-identical to a one-call
 * merge for this input and checks it on the first 20,000 updates. ycrdt merges all updates in one
 * call here, and additionally the first 20,000, which is compared with yjs's one-call result.
 */
public class B4DifferentialTest {

    static final String TRACE = "automerge-paper.json.gz";

    private static Path dir;
    private static List<byte[]> updates;
    private static Map<String, Object> manifest;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void generateOnce() throws IOException {
        dir = ensureB4Inputs();
        manifest = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8));
        updates = readLpb(dir.resolve("updates.lpb.gz"));
        assertEquals(((Number) manifest.get("updates")).intValue(), updates.size(), "updates in updates.lpb.gz");
    }

    /** The B4 output directory, generated with Node when it is not there yet. */
    public static Path ensureB4Inputs() {
        Path out = NodeScripts.moduleDir().resolve("target/b4");
        if (Files.isRegularFile(out.resolve("manifest.json"))) {
            return out;
        }
        Path trace = tracesDir().resolve(TRACE);
        if (!Files.isRegularFile(trace)) {
            fail("B4 trace not found at " + trace + "; set -Dskein.traces.dir to the directory holding " + TRACE);
        }
        NodeScripts.requireNodeAndModules();
        NodeScripts.run(List.of("bench/b4-updates.mjs", trace.toString(), out.toString()), Duration.ofMinutes(15),
                NodeScripts.moduleDir().resolve("target/b4-updates.log"));
        return out;
    }

    public static Path tracesDir() {
        String p = System.getProperty("skein.traces.dir");
        return p != null ? Paths.get(p) : NodeScripts.repoRoot().resolve("testdata/traces");
    }

    public static List<byte[]> readLpb(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            while (true) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException end) {
                    return out;
                }
                byte[] b = new byte[len];
                in.readFully(b);
                out.add(b);
            }
        }
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static void assertSameBytes(byte[] yjs, byte[] ycrdt, String what) {
        if (!Arrays.equals(yjs, ycrdt)) {
            int at = Arrays.mismatch(yjs, ycrdt);
            fail(what + ": yjs " + yjs.length + " bytes, ycrdt " + ycrdt.length + ", first difference at byte " + at
                    + "\n  yjs  : " + Hex.window(yjs, at) + "\n  ycrdt: " + Hex.window(ycrdt, at)
                    + "\n  inputs and yjs results: " + dir);
        }
    }

    private static byte[] timed(String what, java.util.function.Supplier<byte[]> f) {
        long t0 = System.nanoTime();
        byte[] r = f.get();
        System.getLogger(B4DifferentialTest.class.getName()).log(System.Logger.Level.INFO,
                "[B4] " + what + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return r;
    }

    @Test
    void mergeOfAllUpdatesInOneCall() throws IOException {
        byte[] ours = timed("ycrdt mergeUpdates(" + updates.size() + " updates)", () -> Updates.mergeUpdates(updates));
        assertSameBytes(file("merged.bin"), ours, "mergeUpdates of all B4 updates");
    }

    @Test
    void mergeOfFirst20000InOneCall() throws IOException {
        int n = ((Number) manifest.get("firstOneCall")).intValue();
        byte[] ours = timed("ycrdt mergeUpdates(first " + n + ")", () -> Updates.mergeUpdates(updates.subList(0, n)));
        assertSameBytes(file("merged-first20000.bin"), ours, "mergeUpdates of the first " + n + " B4 updates (yjs: one call)");
    }

    @Test
    void diffAgainstHalfWayStateVector() throws IOException {
        byte[] halfSv = file("half-sv.bin");
        byte[] state = file("state.bin");
        assertSameBytes(file("diff-state-half.bin"), timed("ycrdt diffUpdate(state, half sv)", () -> Updates.diffUpdate(state, halfSv)),
                "diffUpdate(final state, half-way state vector)");
        byte[] merged = file("merged.bin");
        assertSameBytes(file("diff-merged-half.bin"), timed("ycrdt diffUpdate(merged, half sv)", () -> Updates.diffUpdate(merged, halfSv)),
                "diffUpdate(merged updates, half-way state vector)");
    }

    @Test
    void stateVectorFromUpdate() throws IOException {
        byte[] state = file("state.bin");
        assertSameBytes(file("sv-state.bin"), Updates.encodeStateVectorFromUpdate(state), "encodeStateVectorFromUpdate(final state)");
        byte[] merged = file("merged.bin");
        assertSameBytes(file("sv-merged.bin"), Updates.encodeStateVectorFromUpdate(merged), "encodeStateVectorFromUpdate(merged updates)");
    }

    @Test
    void conversionOfFinalStateToV2() throws IOException {
        byte[] state = file("state.bin");
        assertSameBytes(file("state-v2.bin"), timed("ycrdt convertUpdateFormatV1ToV2(state)", () -> Updates.convertUpdateFormatV1ToV2(state)),
                "convertUpdateFormatV1ToV2(final state)");
    }
}
