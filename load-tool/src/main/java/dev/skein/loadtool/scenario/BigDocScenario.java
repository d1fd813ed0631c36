package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.trace.DocumentCheck;
import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.update.Compaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A large document: the B4 trace (260,000 keystrokes of a LaTeX paper) replayed as per-keystroke
 * updates, merged and compacted into one update and sent by a writer; then new clients join one
 * after the other, each timed from the start of its connection to the arrival of the whole
 * document (its sync step 2, checked character by character against the trace's final text).
 * Before that the tool warms its own client on a document of its own (same update, unmeasured
 * joins), so that the measured joins time the server rather than the load tool's JIT, while the
 * measured document is as new to the server as without it.
 */
public final class BigDocScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "bigdoc";

    /** The trace used unless {@code --trace} says otherwise. */
    static final String DEFAULT_TRACE = "automerge-paper.json.gz";

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    /**
     * The trace's one Yjs client, the same in every run: every item's origin carries it as a
     * varint, so a random id below 2^28 made the document 18 KB smaller for one server than for
     * another in the same bench. Yjs draws random 32-bit ids, which mostly take 5 bytes, as this does.
     */
    static final long TRACE_CLIENT_ID = 0x5EEDB4B4L;

    private final Path trace;
    private final int joins;
    private final int warmupJoins;
    private final Duration preloadTimeout;

    /**
     * Reads {@code --trace}, {@code --joins} (10), {@code --warmup-joins} (10; 0 measures the
     * tool's first joins) and {@code --preload-timeout} (60 s).
     */
    public BigDocScenario(Arguments args) {
        this.trace = args.string("trace").map(Path::of).orElseGet(BigDocScenario::defaultTrace);
        this.joins = args.integer("joins", 10, 1);
        this.warmupJoins = args.integer("warmup-joins", 10, 0);
        this.preloadTimeout = args.seconds("preload-timeout", 60, 1);
    }

    /**
     * The B4 trace: {@code $SKEIN_TRACES_DIR}, else the repository's {@code testdata/traces} seen
     * from the repository root or from this module.
     */
    static Path defaultTrace() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("SKEIN_TRACES_DIR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env, DEFAULT_TRACE));
        }
        candidates.add(Path.of("testdata", "traces", DEFAULT_TRACE));
        candidates.add(Path.of("..", "testdata", "traces", DEFAULT_TRACE));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(candidates.size() - 1));
    }

    @Override
    public Result run(RunContext context) throws IOException {
        long loadStart = System.nanoTime();
        EditTrace edits = EditTrace.read(trace);
        if (!edits.replayAsText().equals(edits.endContent())) {
            throw new ScenarioException(trace + ": replaying the patches does not give endContent");
        }
        TraceReplay replay = TraceReplay.of(edits, TRACE_CLIENT_ID, "text");
        double replaySeconds = (System.nanoTime() - loadStart) / 1e9;
        long compactStart = System.nanoTime();
        byte[] document = Compaction.mergeAndCompact(replay.updates());
        double compactSeconds = (System.nanoTime() - compactStart) / 1e9;
        if (!DocumentCheck.visibleText(replay, document).equals(edits.endContent())) {
            throw new ScenarioException("the compacted trace update does not hold the trace's final text");
        }
        if (warmupJoins > 0) {
            warmUpClient(context, document, replay, edits.endContent());
        }
        String doc = context.doc(NAME);
        long preloadStart = System.nanoTime();
        YClient writer = preload(context, doc, document);
        try {
            Join first = firstFullJoin(context, doc, replay, edits.endContent(), preloadStart);
            double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;
            List<Join> measured = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                measured.add(join(context, doc, replay, edits.endContent()));
            }
            return report(context, replay, document, replaySeconds, compactSeconds, preloadSeconds, first, measured, edits);
        } finally {
            writer.close();
        }
    }

    /** A connected, synced writer that has sent {@code document} into {@code doc}. */
    private static YClient preload(RunContext context, String doc, byte[] document) {
        YClient writer = new YClient(context.target(), doc, (update, at, reply) -> { });
        try {
            ClientGroup.connectAndSync(List.of(writer), context.connector(), 1, context.connectTimeout());
            writer.sendUpdate(document);
            return writer;
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * Unmeasured joins of another document holding the same update: a browser's network stack is
     * native code, while this JVM interprets its inflate and decode paths for its first joins
     * (against a warm Skein, B4 joins of a fresh load tool took 29-77 ms for the first five,
     * 6-13 ms from the tenth).
     */
    private void warmUpClient(RunContext context, byte[] document, TraceReplay replay, String expected) {
        String doc = context.doc(NAME + "-warmup");
        YClient writer = preload(context, doc, document);
        try {
            firstFullJoin(context, doc, replay, expected, System.nanoTime());
            for (int i = 1; i < warmupJoins; i++) {
                Join join = join(context, doc, replay, expected);
                if (!join.full()) {
                    throw new ScenarioException("a warm-up join got " + join.characters() + " of " + expected.length() + " characters");
                }
            }
        } finally {
            writer.close();
        }
    }

    /** Joins until one client gets the whole document (the server may still be taking the update in). */
    private Join firstFullJoin(RunContext context, String doc, TraceReplay replay, String expected, long start) {
        long deadline = start + preloadTimeout.toNanos();
        Join last = null;
        while (System.nanoTime() - deadline < 0) {
            last = join(context, doc, replay, expected);
            if (last.full()) {
                return last;
            }
            Waits.pause(RETRY_PAUSE);
        }
        throw new ScenarioException("no joining client received the whole document within " + preloadTimeout.toSeconds()
                + " s" + (last == null ? "" : " (last one got " + last.characters() + " of " + expected.length() + " characters)"));
    }

    private Join join(RunContext context, String doc, TraceReplay replay, String expected) {
        AtomicReference<byte[]> received = new AtomicReference<>();
        YClient client = new YClient(context.target(), doc, (update, at, reply) -> {
            if (reply) {
                received.compareAndSet(null, update);
            }
        });
        try {
            long start = System.nanoTime();
            long syncedAt = Waits.get(client.connect(context.connector()).thenCompose(YClient::synced),
                    context.connectTimeout().plusSeconds(30), "joining client");
            String text = DocumentCheck.visibleText(replay, received.get());
            return new Join((syncedAt - start) / 1e6, client.bytesReceived(), client.wireBytesReceived(),
                    received.get().length, text.length(), text.equals(expected));
        } finally {
            client.close();
        }
    }

    private Result report(RunContext context, TraceReplay replay, byte[] document, double replaySeconds,
            double compactSeconds, double preloadSeconds, Join first, List<Join> joins, EditTrace edits) {
        Histogram micros = new Histogram(3);
        joins.forEach(j -> micros.recordValue(Math.round(j.millis() * 1000)));
        boolean allFull = joins.stream().allMatch(Join::full);
        Result result = new Result(NAME).put("ok", allFull);
        result.put("trace", trace.getFileName().toString());
        result.put("keystroke_updates", replay.updates().size());
        result.put("final_characters", edits.endContent().length());
        result.put("document_update_bytes", document.length);
        result.put("replay_s", LatencySummary.round(replaySeconds));
        result.put("compact_s", LatencySummary.round(compactSeconds));
        result.put("preload_s", LatencySummary.round(preloadSeconds));
        result.put("first_join_ms", LatencySummary.round(first.millis()));
        result.put("joins", joins.size());
        result.put("warmup_joins", warmupJoins);
        result.put("all_full", allFull);
        result.put("join", LatencySummary.of(micros));
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("received_per_join", joins.get(0).bytesReceived());
        bytes.put("on_the_wire_per_join", joins.get(0).wireBytes());
        bytes.put("sync_step2_update", joins.get(0).updateBytes());
        result.put("bytes", bytes);
        result.line(String.format(Locale.ROOT, "bigdoc: %s, %d keystroke updates -> one %d-byte update (replay %.1f s, compaction %.1f s)",
                trace.getFileName(), replay.updates().size(), document.length, replaySeconds, compactSeconds));
        result.line(String.format(Locale.ROOT, "the tool's client warmed by %d unmeasured joins of a document of its own", warmupJoins));
        result.line(String.format(Locale.ROOT, "preload until the first full join: %.1f s (that join %.1f ms)", preloadSeconds, first.millis()));
        result.line("join, connect to full document: " + LatencySummary.line(micros));
        result.line(String.format(Locale.ROOT, "bytes received per join %d (%d on the wire), full document on every join: %s -> %s",
                joins.get(0).bytesReceived(), joins.get(0).wireBytes(), allFull, allFull ? "OK" : "FAILED"));
        context.describe(result);
        return result;
    }

    /** One joining client's measurements. */
    private record Join(double millis, long bytesReceived, long wireBytes, int updateBytes, int characters, boolean full) {
    }
}
