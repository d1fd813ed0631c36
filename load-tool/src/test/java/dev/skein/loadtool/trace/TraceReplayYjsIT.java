package dev.skein.loadtool.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.loadtool.NodeServer;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Compaction;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-keystroke updates the bigdoc scenario generates, applied one by one with the real yjs:
 * every one must integrate (no pending structs) and the text must be the trace's. Uses the first
 * 40,000 patches of B4 (inserts, deletes, and typing over deleted text), which keeps yjs's run
 * short; the scenario tests check the whole trace through a server.
 */
class TraceReplayYjsIT {

    private static final int PATCHES = 40_000;

    @TempDir
    Path temp;

    @Test
    void yjsAppliesEveryKeystrokeUpdateAndEndsWithTheTracesText() throws Exception {
        EditTrace full = EditTrace.read(Traces.b4());
        List<EditTrace.Patch> patches = full.patches().subList(0, PATCHES);
        EditTrace prefix = new EditTrace("", patches, new EditTrace("", patches, "").replayAsText());
        TraceReplay replay = TraceReplay.of(prefix, 3_000_000_001L, "text");
        Path file = temp.resolve("updates.bin");
        writeUpdates(file, replay.updates());

        Map<?, ?> result = runYjs(file);
        assertEquals((double) replay.updates().size(), result.get("applied"));
        assertEquals(false, result.get("pending"), "some update referenced an id yjs did not have");
        assertEquals(prefix.endContent(), result.get("text"));

        Path compacted = temp.resolve("compacted.bin");
        writeUpdates(compacted, List.of(Compaction.mergeAndCompact(replay.updates())));
        assertEquals(prefix.endContent(), runYjs(compacted).get("text"), "the compacted update");
    }

    private static void writeUpdates(Path file, List<byte[]> updates) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] update : updates) {
                out.writeInt(update.length);
                out.write(update);
            }
        }
        Files.write(file, bytes.toByteArray());
    }

    private Map<?, ?> runYjs(Path updates) throws Exception {
        Path script = Path.of("src", "test", "js", "apply-updates.mjs").toAbsolutePath();
        Path output = temp.resolve("yjs-" + updates.getFileName() + ".out");
        Process node = new ProcessBuilder("node", script.toString(), NodeServer.benchDir().toString(), updates.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("yjs did not finish within 120 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), text);
        return (Map<?, ?>) Json.parse(text.strip());
    }
}
