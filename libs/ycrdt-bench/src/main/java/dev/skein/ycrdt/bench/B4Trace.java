package dev.skein.ycrdt.bench;

import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The B4 trace's patches (position, deleted count, inserted text), one per transaction, read from
 * {@code testdata/traces/automerge-paper.json.gz} ({@code -Dskein.traces.dir} overrides the folder).
 */
final class B4Trace {

    final int[] pos;
    final int[] del;
    final String[] ins;
    final String endContent;

    private B4Trace(int[] pos, int[] del, String[] ins, String endContent) {
        this.pos = pos;
        this.del = del;
        this.ins = ins;
        this.endContent = endContent;
    }

    @SuppressWarnings("unchecked")
    static B4Trace load() throws IOException {
        Path file = Path.of(System.getProperty("skein.traces.dir", "testdata/traces"), "automerge-paper.json.gz");
        Map<String, Object> trace;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            trace = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Object> txns = (List<Object>) trace.get("txns");
        int n = 0;
        for (Object t : txns) {
            n += ((List<Object>) ((Map<String, Object>) t).get("patches")).size();
        }
        int[] pos = new int[n];
        int[] del = new int[n];
        String[] ins = new String[n];
        int i = 0;
        for (Object t : txns) {
            for (Object p : (List<Object>) ((Map<String, Object>) t).get("patches")) {
                List<Object> patch = (List<Object>) p;
                pos[i] = ((Number) patch.get(0)).intValue();
                del[i] = ((Number) patch.get(1)).intValue();
                ins[i] = (String) patch.get(2);
                i++;
            }
        }
        return new B4Trace(pos, del, ins, (String) trace.get("endContent"));
    }
}
