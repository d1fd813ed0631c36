package dev.skein.ycrdt.update.differential;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One line of a differential fixture file: the byte strings a scenario produced with yjs and the
 * yjs algebra calls made on them. The line format is written by
 * {@code src/test/js/diff/record.mjs} and described in {@code src/test/js/diff/README.md}.
 */
final class DiffScenario {

    /** A seed number, or a fixture name for the golden set. */
    final String seed;
    final String desc;
    final byte[][] blobs;
    final List<String> info;
    final List<Case> cases;

    /**
     * One yjs call. {@code in} are blob indices (the list for merges, otherwise exactly one),
     * {@code sv} the state-vector blob for diffs or -1, {@code out} the result blob or -1 when the
     * result is meta ({@code from}/{@code to}) or yjs threw ({@code err}). {@code bad} marks inputs
     * that are malformed on purpose.
     */
    record Case(int index, String kind, int[] in, int sv, int out, List<long[]> from, List<long[]> to,
                String err, boolean bad) {
    }

    private DiffScenario(String seed, String desc, byte[][] blobs, List<String> info, List<Case> cases) {
        this.seed = seed;
        this.desc = desc;
        this.blobs = blobs;
        this.info = info;
        this.cases = cases;
    }

    @SuppressWarnings("unchecked")
    static DiffScenario parse(String line) {
        Map<String, Object> o = (Map<String, Object>) MiniJson.parse(line);
        Object seedValue = o.get("seed");
        String seed = seedValue instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(seedValue);
        List<Object> b64 = (List<Object>) o.get("blobs");
        byte[][] blobs = new byte[b64.size()][];
        Base64.Decoder dec = Base64.getDecoder();
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = dec.decode((String) b64.get(i));
        }
        List<String> info = new ArrayList<>();
        for (Object x : (List<Object>) o.getOrDefault("info", List.of())) {
            info.add(String.valueOf(x));
        }
        List<Case> cases = new ArrayList<>();
        List<Object> rawCases = (List<Object>) o.get("cases");
        for (int i = 0; i < rawCases.size(); i++) {
            Map<String, Object> c = (Map<String, Object>) rawCases.get(i);
            List<Object> in = (List<Object>) c.get("in");
            int[] ins = new int[in.size()];
            for (int j = 0; j < ins.length; j++) {
                ins[j] = ((Number) in.get(j)).intValue();
            }
            cases.add(new Case(i, (String) c.get("k"), ins,
                    c.containsKey("sv") ? ((Number) c.get("sv")).intValue() : -1,
                    c.containsKey("out") ? ((Number) c.get("out")).intValue() : -1,
                    pairs(c.get("from")), pairs(c.get("to")),
                    (String) c.get("err"), Boolean.TRUE.equals(c.get("bad"))));
        }
        return new DiffScenario(seed, String.valueOf(o.get("desc")), blobs, info, cases);
    }

    @SuppressWarnings("unchecked")
    private static List<long[]> pairs(Object v) {
        if (v == null) {
            return null;
        }
        List<long[]> out = new ArrayList<>();
        for (Object p : (List<Object>) v) {
            List<Object> pair = (List<Object>) p;
            out.add(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        }
        return out;
    }

    String describeBlob(int i) {
        return "#" + i + " (" + blobs[i].length + " B, " + (i < info.size() ? info.get(i) : "?") + ")";
    }
}
