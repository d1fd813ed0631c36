package dev.skein.ycrdt.update.differential;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.UpdateMeta;
import dev.skein.ycrdt.update.Updates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one recorded yjs call on {@link Updates} and compares the outcome.
 *
 * <p>Rules: the result must be byte-identical to yjs's (or, for {@code parseUpdateMeta}, the same
 * maps). Where yjs threw, ycrdt must throw {@link YDecodingException}. Where the input is
 * malformed on purpose ({@code bad}) and yjs nevertheless returned something (yjs ignores
 * trailing bytes and never parses the single input of a merge), ycrdt may either return the same
 * bytes or reject the input with {@link YDecodingException}. Any other exception type is a
 * failure, and so is modifying an input array.
 */
final class CaseChecker {

    private static final int MAX_DETAILED = 8;

    /** A case where ycrdt and yjs disagree; {@code actual} is ycrdt's output when it had one. */
    record Failure(DiffScenario.Case c, String message, byte[] actual) {
    }

    private CaseChecker() {
    }

    static List<Failure> checkAll(DiffScenario s) {
        List<Failure> failures = new ArrayList<>();
        for (DiffScenario.Case c : s.cases) {
            Failure f = check(s, c);
            if (f != null) {
                failures.add(f);
            }
        }
        return failures;
    }

    static Failure check(DiffScenario s, DiffScenario.Case c) {
        List<byte[]> inputs = new ArrayList<>();
        for (int i : c.in()) {
            inputs.add(s.blobs[i].clone());
        }
        byte[] sv = c.sv() >= 0 ? s.blobs[c.sv()].clone() : null;
        Object result = null;
        Throwable thrown = null;
        try {
            result = call(c.kind(), inputs, sv);
        } catch (StackOverflowError | RuntimeException e) {
            thrown = e;
        }
        for (int j = 0; j < inputs.size(); j++) {
            if (!Arrays.equals(inputs.get(j), s.blobs[c.in()[j]])) {
                return new Failure(c, "ycrdt modified input " + j + " in place", null);
            }
        }
        if (sv != null && !Arrays.equals(sv, s.blobs[c.sv()])) {
            return new Failure(c, "ycrdt modified the state vector in place", null);
        }
        if (thrown instanceof YDecodingException e) {
            if (c.err() != null || c.bad()) {
                return null;
            }
            return new Failure(c, "ycrdt threw " + e + " but yjs returned " + expectedSummary(s, c)
                    + atFrames(e), null);
        }
        if (thrown != null) {
            String yjs = c.err() != null ? "yjs threw '" + c.err() + "' (expected YDecodingException)"
                    : "yjs returned " + expectedSummary(s, c);
            return new Failure(c, "ycrdt threw " + thrown + "; " + yjs + atFrames(thrown), null);
        }
        if (c.err() != null) {
            return new Failure(c, "yjs threw '" + c.err() + "' but ycrdt returned "
                    + (result instanceof byte[] b ? b.length + " bytes: " + Hex.window(b, 0) : result),
                    result instanceof byte[] b ? b : null);
        }
        if (result instanceof UpdateMeta meta) {
            Map<Long, Long> from = toMap(c.from());
            Map<Long, Long> to = toMap(c.to());
            if (from.equals(meta.from()) && to.equals(meta.to())) {
                return null;
            }
            return new Failure(c, "meta differs: yjs from=" + from + " to=" + to + ", ycrdt from=" + meta.from()
                    + " to=" + meta.to(), null);
        }
        byte[] expected = s.blobs[c.out()];
        byte[] actual = (byte[]) result;
        if (actual == null) {
            return new Failure(c, "ycrdt returned null", null);
        }
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        int at = Arrays.mismatch(expected, actual);
        return new Failure(c, "yjs returned " + expected.length + " bytes, ycrdt " + actual.length
                + ", first difference at byte " + at + "\n        yjs  : " + Hex.window(expected, at)
                + "\n        ycrdt: " + Hex.window(actual, at), actual);
    }

    static Object call(String kind, List<byte[]> in, byte[] sv) {
        return switch (kind) {
            case "mergeUpdates" -> Updates.mergeUpdates(in);
            case "mergeUpdatesV2" -> Updates.mergeUpdatesV2(in);
            case "diffUpdate" -> Updates.diffUpdate(in.get(0), sv);
            case "diffUpdateV2" -> Updates.diffUpdateV2(in.get(0), sv);
            case "encodeStateVectorFromUpdate" -> Updates.encodeStateVectorFromUpdate(in.get(0));
            case "encodeStateVectorFromUpdateV2" -> Updates.encodeStateVectorFromUpdateV2(in.get(0));
            case "convertUpdateFormatV1ToV2" -> Updates.convertUpdateFormatV1ToV2(in.get(0));
            case "convertUpdateFormatV2ToV1" -> Updates.convertUpdateFormatV2ToV1(in.get(0));
            case "parseUpdateMeta" -> Updates.parseUpdateMeta(in.get(0));
            case "parseUpdateMetaV2" -> Updates.parseUpdateMetaV2(in.get(0));
            default -> throw new IllegalArgumentException("fixture has unknown case kind " + kind);
        };
    }

    private static Map<Long, Long> toMap(List<long[]> pairs) {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (long[] p : pairs) {
            m.put(p[0], p[1]);
        }
        return m;
    }

    private static String expectedSummary(DiffScenario s, DiffScenario.Case c) {
        if (c.out() >= 0) {
            return s.blobs[c.out()].length + " bytes";
        }
        return "from=" + toMap(c.from()) + " to=" + toMap(c.to());
    }

    private static String atFrames(Throwable t) {
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(4, st.length); i++) {
            sb.append("\n          at ").append(st[i]);
        }
        return sb.toString();
    }

    /** Input and output formats per kind, for the dump's case.txt (read by explain.mjs). */
    private static String[] formats(String kind) {
        return switch (kind) {
            case "mergeUpdates", "diffUpdate" -> new String[] {"v1", "v1"};
            case "mergeUpdatesV2", "diffUpdateV2" -> new String[] {"v2", "v2"};
            case "encodeStateVectorFromUpdate" -> new String[] {"v1", "sv"};
            case "encodeStateVectorFromUpdateV2" -> new String[] {"v2", "sv"};
            case "convertUpdateFormatV1ToV2" -> new String[] {"v1", "v2"};
            case "convertUpdateFormatV2ToV1" -> new String[] {"v2", "v1"};
            case "parseUpdateMeta" -> new String[] {"v1", "meta"};
            default -> new String[] {"v2", "meta"};
        };
    }

    /**
     * A readable report of a scenario's failures; also writes each failing case's bytes below
     * {@code dumpRoot} so that they can be decoded with {@code explain.mjs}.
     */
    static String report(DiffScenario s, List<Failure> failures, Path dumpRoot, String reproduce) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(s.seed).append(" [").append(s.desc).append("]: ").append(failures.size())
                .append(" of ").append(s.cases.size()).append(" cases differ from yjs");
        Path dir = dumpRoot == null ? null : dumpRoot.resolve("seed-" + s.seed.replaceAll("[^A-Za-z0-9_.-]", "_"));
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            DiffScenario.Case c = f.c();
            if (dir != null) {
                dump(s, f, dir.resolve("case-" + c.index() + "-" + c.kind()));
            }
            if (i >= MAX_DETAILED) {
                continue;
            }
            sb.append("\n  case #").append(c.index()).append(' ').append(c.kind()).append(c.bad() ? " (malformed input)" : "")
                    .append(" of [");
            for (int j = 0; j < c.in().length; j++) {
                if (j == 6 && c.in().length > 7) {
                    sb.append(", ... ").append(c.in().length - 6).append(" more");
                    break;
                }
                sb.append(j == 0 ? "" : ", ").append(s.describeBlob(c.in()[j]));
            }
            sb.append(']');
            if (c.sv() >= 0) {
                sb.append(" sv ").append(s.describeBlob(c.sv())).append(' ').append(Hex.window(s.blobs[c.sv()], 0));
            }
            sb.append("\n      ").append(f.message());
        }
        if (failures.size() > MAX_DETAILED) {
            sb.append("\n  ... and ").append(failures.size() - MAX_DETAILED).append(" more");
        }
        if (dir != null) {
            sb.append("\n  bytes of every failing case: ").append(dir)
                    .append("\n  decode them with: node src/test/js/diff/explain.mjs ").append(dir).append("/case-*");
        }
        if (reproduce != null) {
            sb.append("\n  regenerate: ").append(reproduce);
        }
        return sb.toString();
    }

    private static void dump(DiffScenario s, Failure f, Path dir) {
        DiffScenario.Case c = f.c();
        try {
            Files.createDirectories(dir);
            String[] fmt = formats(c.kind());
            StringBuilder txt = new StringBuilder();
            txt.append("seed=").append(s.seed).append('\n')
                    .append("case=").append(c.index()).append('\n')
                    .append("kind=").append(c.kind()).append('\n')
                    .append("inFormat=").append(fmt[0]).append('\n')
                    .append("outFormat=").append(fmt[1]).append('\n');
            for (int j = 0; j < c.in().length; j++) {
                Files.write(dir.resolve(String.format("in-%03d.bin", j)), s.blobs[c.in()[j]]);
                txt.append("in-").append(String.format("%03d", j)).append('=').append(s.describeBlob(c.in()[j])).append('\n');
            }
            if (c.sv() >= 0) {
                Files.write(dir.resolve("sv.bin"), s.blobs[c.sv()]);
            }
            if (c.out() >= 0) {
                Files.write(dir.resolve("yjs.bin"), s.blobs[c.out()]);
            }
            if (f.actual() != null) {
                Files.write(dir.resolve("ycrdt.bin"), f.actual());
            }
            txt.append("message=").append(f.message().replace('\n', ' ')).append('\n');
            Files.writeString(dir.resolve("case.txt"), txt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
