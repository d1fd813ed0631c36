package dev.skein.ycrdt.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.differential.B4DifferentialTest;
import dev.skein.ycrdt.update.differential.Hex;
import dev.skein.ycrdt.update.differential.NodeScripts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sequential editing traces of {@code testdata/traces} (B4 = automerge-paper, 259,778
 * transactions) replayed as local transactions on a ycrdt document and on yjs
 * ({@code src/test/js/doc/trace-updates.mjs}, run once per trace into {@code target/traces}):
 * every transaction's update must be the same bytes in v1 and v2, the final text the trace's end
 * content and the final state yjs's. A second document that applies every update (a server
 * replica) and a third that loads the final state must end in the same state.
 */
class TraceDifferentialTest {

    static final long CLIENT = 3000000001L;

    @ParameterizedTest
    @ValueSource(strings = {"automerge-paper", "sveltecomponent", "rustcode", "seph-blog1", "json-crdt-patch",
            "json-crdt-blog-post", "friendsforever_flat", "clownschool_flat"})
    void replayMatchesYjs(String name) throws IOException {
        Path dir = ensureInputs(name);
        Map<String, Object> trace = readTrace(B4DifferentialTest.tracesDir().resolve(name + ".json.gz"));
        List<byte[]> v1 = B4DifferentialTest.readLpb(dir.resolve("updates.lpb.gz"));
        List<byte[]> v2 = B4DifferentialTest.readLpb(dir.resolve("updates-v2.lpb.gz"));
        byte[] state = Files.readAllBytes(dir.resolve("state.bin"));
        byte[] stateV2 = Files.readAllBytes(dir.resolve("state-v2.bin"));

        Doc doc = new Doc(DocOptions.defaults().withClientId(CLIENT));
        YText text = doc.getText("text");
        int[] n1 = {0};
        int[] n2 = {0};
        doc.onUpdate((u, o, t) -> compare(name + " update " + n1[0] + " (v1)", v1, n1[0]++, u));
        doc.onUpdateV2((u, o, t) -> compare(name + " update " + n2[0] + " (v2)", v2, n2[0]++, u));
        long t0 = System.nanoTime();
        for (Object txn : (List<?>) trace.get("txns")) {
            List<?> patches = (List<?>) ((Map<?, ?>) txn).get("patches");
            doc.transact(t -> {
                for (Object p : patches) {
                    List<?> patch = (List<?>) p;
                    int pos = ((Number) patch.get(0)).intValue();
                    int del = ((Number) patch.get(1)).intValue();
                    String ins = (String) patch.get(2);
                    if (del > 0) {
                        text.delete(pos, del);
                    }
                    if (!ins.isEmpty()) {
                        text.insert(pos, ins);
                    }
                }
            });
        }
        log(name + ": replayed " + n1[0] + " transactions in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(v1.size(), n1[0], "v1 updates emitted");
        assertEquals(v2.size(), n2[0], "v2 updates emitted");
        assertEquals(trace.get("endContent"), text.toString(), "final text");
        same(name + " state v1", state, doc.encodeStateAsUpdate());
        same(name + " state v2", stateV2, doc.encodeStateAsUpdateV2());

        Doc server = new Doc(DocOptions.defaults().withClientId(1));
        t0 = System.nanoTime();
        for (byte[] u : v1) {
            server.applyUpdate(u);
        }
        log(name + ": applied " + v1.size() + " v1 updates in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        same(name + " state of a replica that applied every v1 update", state, server.encodeStateAsUpdate());
        assertEquals(trace.get("endContent"), server.getText("text").toString());

        Doc serverV2 = new Doc(DocOptions.defaults().withClientId(1));
        for (byte[] u : v2) {
            serverV2.applyUpdate(u, null, UpdateFormat.V2);
        }
        same(name + " state v2 of a replica that applied every v2 update", stateV2, serverV2.encodeStateAsUpdateV2());

        Doc loaded = new Doc(DocOptions.defaults().withClientId(1));
        loaded.applyUpdate(state);
        same(name + " state of a replica that loaded the state", state, loaded.encodeStateAsUpdate());
        assertEquals(trace.get("endContent"), loaded.getText("text").toString());
    }

    private static void log(String msg) {
        System.getLogger(TraceDifferentialTest.class.getName()).log(System.Logger.Level.INFO, "[trace] " + msg);
    }

    private static void compare(String what, List<byte[]> expected, int i, byte[] ours) {
        if (i >= expected.size()) {
            fail(what + ": yjs emitted only " + expected.size() + " updates");
        }
        same(what, expected.get(i), ours);
    }

    private static void same(String what, byte[] yjs, byte[] ours) {
        if (!Arrays.equals(yjs, ours)) {
            int at = Arrays.mismatch(yjs, ours);
            fail(what + ": yjs " + yjs.length + " bytes, ycrdt " + ours.length + ", first difference at byte " + at
                    + "\n  yjs  : " + Hex.window(yjs, at) + "\n  ycrdt: " + Hex.window(ours, at));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readTrace(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** yjs's results for the trace, generated with Node when not there yet. */
    static Path ensureInputs(String name) {
        Path out = NodeScripts.moduleDir().resolve("target/traces/" + name);
        if (Files.isRegularFile(out.resolve("manifest.json"))) {
            return out;
        }
        Path trace = B4DifferentialTest.tracesDir().resolve(name + ".json.gz");
        if (!Files.isRegularFile(trace)) {
            fail("trace not found at " + trace + "; set -Dskein.traces.dir to testdata/traces");
        }
        NodeScripts.requireNodeAndModules();
        NodeScripts.run(List.of("doc/trace-updates.mjs", trace.toString(), out.toString(), Long.toString(CLIENT)),
                Duration.ofMinutes(10), NodeScripts.moduleDir().resolve("target/traces/" + name + ".log"));
        return out;
    }
}
