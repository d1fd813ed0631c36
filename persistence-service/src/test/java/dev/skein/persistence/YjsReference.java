package dev.skein.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real yjs ({@code src/test/js/history-scenario.mjs}): random collaborative sessions, and what
 * yjs shows after the first N updates of one. Missing Node or packages fail the test, never skip it.
 */
public final class YjsReference {

    private static final Pattern LINE = Pattern.compile("\\{\"principal\":\"([^\"]*)\",\"update\":\"([^\"]*)\"}");

    private YjsReference() {
    }

    /**
     * One update of a session, in the order it was sent.
     *
     * @param principal who made it
     * @param update the Yjs v1 update
     */
    public record SentUpdate(String principal, byte[] update) {
    }

    /**
     * A random session of three replicas, {@code count} updates, written to {@code file}; with
     * {@code splitPairs} edits may cut surrogate pairs (see {@link #jsonRestored}).
     */
    public static List<SentUpdate> generate(long seed, int count, Path file, boolean splitPairs) {
        List<String> args = new ArrayList<>(List.of("generate", Long.toString(seed), Integer.toString(count), file.toString()));
        if (splitPairs) {
            args.add("split");
        }
        run(args);
        List<SentUpdate> updates = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    fail("unexpected line from the yjs script: " + line);
                }
                updates.add(new SentUpdate(m.group(1), Base64.getDecoder().decode(m.group(2))));
            }
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e);
        }
        return updates;
    }

    /** For each cut, the JSON yjs shows after the first {@code cut} updates of {@code file}. */
    public static List<String> jsonAfter(Path file, List<Integer> cuts) {
        return lines("replay", file, cuts);
    }

    /**
     * For each cut, what yjs's own history shows: {@code Y.createDocFromSnapshot} of a document
     * without garbage collection holding all of {@code file}, at the snapshot of the first
     * {@code cut} updates. It differs from {@link #jsonAfter} only where a later edit cut a
     * surrogate pair: yjs replaces both halves by U+FFFD in the documents that hold the cut.
     */
    public static List<String> jsonRestored(Path file, List<Integer> cuts) {
        return lines("restore", file, cuts);
    }

    /**
     * For each pair of consecutive cuts, the delta yjs gives for the text root between them:
     * {@code toDelta(snapshot(to), snapshot(from), (type, id) => ({type, user: id.client}))} on a
     * document without garbage collection holding all of {@code file}.
     */
    public static List<String> textDiffs(Path file, List<Integer> cuts) {
        List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            pairs.add(cuts.get(i));
            pairs.add(cuts.get(i + 1));
        }
        return lines("diff", file, pairs, pairs.size() / 2);
    }

    /** For each update, the JSON of a fresh yjs document that applied it (as {@link #jsonAfter} prints it). */
    public static List<String> jsonOfUpdates(List<byte[]> updates) {
        try {
            Path file = Files.createTempFile("yjs-updates", ".b64");
            List<String> lines = new ArrayList<>();
            updates.forEach(u -> lines.add(Base64.getEncoder().encodeToString(u)));
            Files.write(file, lines, StandardCharsets.UTF_8);
            String out = run(List.of("load", file.toString()));
            Files.delete(file);
            List<String> json = out.lines().toList();
            if (json.size() != updates.size()) {
                fail("the yjs script printed " + json.size() + " lines for " + updates.size() + " updates");
            }
            return json;
        } catch (IOException e) {
            return fail("cannot hand updates to the yjs script: " + e);
        }
    }

    private static List<String> lines(String command, Path file, List<Integer> cuts) {
        return lines(command, file, cuts, cuts.size());
    }

    private static List<String> lines(String command, Path file, List<Integer> cuts, int expectedLines) {
        List<String> args = new ArrayList<>(List.of(command, file.toString()));
        cuts.forEach(c -> args.add(Integer.toString(c)));
        String out = run(args);
        List<String> lines = out.lines().toList();
        if (lines.size() != expectedLines) {
            fail("the yjs script printed " + lines.size() + " lines for " + expectedLines + " answers");
        }
        return lines;
    }

    private static String run(List<String> args) {
        Path js = jsDir();
        if (!Files.isRegularFile(js.resolve("node_modules/yjs/package.json"))) {
            fail("yjs is missing in " + js + ": run `npm ci` there (the build does, before the tests)");
        }
        List<String> command = new ArrayList<>(List.of(System.getProperty("skein.node", "node"), "history-scenario.mjs"));
        command.addAll(args);
        try {
            Path err = Files.createTempFile("yjs-reference", ".log");
            Process process = new ProcessBuilder(command).directory(js.toFile())
                .redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("node " + args + " failed: " + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            return fail("cannot run Node.js (" + e.getMessage() + "); it must be on the PATH or given with -Dskein.node");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static Path jsDir() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path candidate : List.of(module.resolve("src/test/js"), module.resolve("persistence-service/src/test/js"))) {
            if (Files.isRegularFile(candidate.resolve("history-scenario.mjs"))) {
                return candidate;
            }
        }
        return fail("cannot find persistence-service/src/test/js from " + module);
    }
}
