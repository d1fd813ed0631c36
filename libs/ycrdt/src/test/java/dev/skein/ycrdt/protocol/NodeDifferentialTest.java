package dev.skein.ycrdt.protocol;

import static dev.skein.ycrdt.protocol.Fixtures.bytes;
import static dev.skein.ycrdt.protocol.Fixtures.flag;
import static dev.skein.ycrdt.protocol.Fixtures.objects;
import static dev.skein.ycrdt.protocol.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live differential test: differential.mjs drives the real yjs / y-protocols / lib0 packages with
 * seeded random traffic, and every frame, awareness update and awareness state step it reports is
 * replayed here against the Java code, byte for byte.
 *
 * <p>Needs {@code node} on the PATH (or {@code -Dycrdt.node=/path/to/node}) and the packages
 * installed by {@code npm ci} in {@code src/test/js}. Without them the test fails rather than
 * skips, so that CI cannot pass silently without the reference. Other seeds:
 * {@code -Dycrdt.protocol.seeds=5,6,7}.
 */
class NodeDifferentialTest {

    private static final Path JS_DIR = Path.of("src", "test", "js");
    private static final Path SCRIPT = JS_DIR.resolve("protocol").resolve("differential.mjs");
    private static final int ROUNDS = 150;

    /** Seeds 1 to 3, or those given as {@code -Dycrdt.protocol.seeds=5,6,7}. */
    static IntStream seeds() {
        String property = System.getProperty("ycrdt.protocol.seeds", "1,2,3");
        return Arrays.stream(property.split(",")).map(String::trim).mapToInt(Integer::parseInt);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(120)
    void javaMatchesTheNpmPackages(int seed) throws Exception {
        Map<String, Object> run = runNode(seed);
        String where = "seed " + seed + ": ";
        int frames = checkFrames(objects(run, "frames"), where);
        int mutated = checkMutatedFrames(objects(run, "mutated"), where);
        int awareness = checkAwarenessUpdates(objects(run, "awareness"), where);
        int steps = AwarenessReplay.replay(objects(run, "states"));
        assertTrue(frames > ROUNDS / 2 && mutated > ROUNDS && awareness == 2 * ROUNDS && steps == 2 * ROUNDS,
                where + "too little traffic: " + frames + " frames, " + mutated + " mutated, "
                        + awareness + " awareness updates, " + steps + " steps");
    }

    private static int checkFrames(List<Map<String, Object>> frames, String where) {
        for (Map<String, Object> f : frames) {
            byte[] frame = bytes(f, "frame");
            Message decoded = decodeOrFail(() -> MessageCodec.decode(frame), where + str(f, "frame"));
            Message expected = Fixtures.message(f, decoded);
            assertEquals(expected, decoded, where + str(f, "frame"));
            // an auth reason with a lone surrogate decodes as U+FFFD; encoding starts from the original
            Message source = f.containsKey("reason") ? new AuthMessage(str(f, "reason")) : expected;
            assertArrayEquals(frame, MessageCodec.encode(source), where + "encode " + source);
            if (decoded instanceof AwarenessMessage a) {
                List<AwarenessUpdate.Entry> entries = Fixtures.entries(objects(f, "entries"));
                assertEquals(entries, AwarenessUpdate.decode(a.awarenessUpdate()), where + str(f, "frame"));
                assertArrayEquals(a.awarenessUpdate(), AwarenessUpdate.encode(entries), where + str(f, "frame"));
            }
        }
        return frames.size();
    }

    private static int checkMutatedFrames(List<Map<String, Object>> mutated, String where) {
        for (Map<String, Object> m : mutated) {
            byte[] frame = bytes(m, "frame");
            String label = where + "mutated frame " + str(m, "frame");
            if (flag(m, "divergent") || flag(m, "error")) {
                assertThrows(YDecodingException.class, () -> MessageCodec.decode(frame), label);
            } else {
                Message decoded = decodeOrFail(() -> MessageCodec.decode(frame), label);
                assertEquals(Fixtures.message(m, decoded), decoded, label);
            }
        }
        return mutated.size();
    }

    private static int checkAwarenessUpdates(List<Map<String, Object>> updates, String where) {
        for (Map<String, Object> u : updates) {
            byte[] update = bytes(u, "update");
            String label = where + "awareness update " + str(u, "update");
            if (flag(u, "divergent") || flag(u, "error")) {
                assertThrows(YDecodingException.class, () -> AwarenessUpdate.decode(update), label);
            } else {
                List<AwarenessUpdate.Entry> canonical = new ArrayList<>();
                for (AwarenessUpdate.Entry e : decodeOrFail(() -> AwarenessUpdate.decode(update), label)) {
                    String json = Json.stringify(JsonText.parse(e.stateJson()));
                    canonical.add(new AwarenessUpdate.Entry(e.clientId(), e.clock(), json));
                }
                assertArrayEquals(bytes(u, "canonical"), AwarenessUpdate.encode(canonical), label);
            }
        }
        return updates.size();
    }

    /** Runs a decoder on input the reference accepted, naming the input if Java rejects it. */
    private static <T> T decodeOrFail(Supplier<T> decoder, String label) {
        try {
            return decoder.get();
        } catch (YDecodingException e) {
            return fail(label + ": accepted by the reference, rejected here", e);
        }
    }

    private static Map<String, Object> runNode(int seed) throws IOException, InterruptedException {
        String node = System.getProperty("ycrdt.node", "node");
        // both streams go to files, so that waiting for the process can time out (a pipe read cannot)
        Path stdout = Files.createTempFile("ycrdt-differential", ".json");
        Path stderr = Files.createTempFile("ycrdt-differential", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(node, SCRIPT.toString(), Integer.toString(seed), Integer.toString(ROUNDS))
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                return fail("cannot run '" + node + "' (install Node.js, or pass -Dycrdt.node=...): " + e.getMessage());
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("differential.mjs did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                return fail("differential.mjs failed (did you run 'npm ci' in " + JS_DIR + "?):\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Fixtures.parse(Files.readString(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
