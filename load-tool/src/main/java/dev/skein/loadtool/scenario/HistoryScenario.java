package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.docapi.DocApi;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.storage.PersistenceProbe;
import dev.skein.loadtool.trace.DocumentCheck;
import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Version history under load (Skein only), the targets of issue 21: the B4 trace sent through the
 * gateway as one update per keystroke at {@code --rate} into a document with history, a version
 * taken through doc-service ({@code POST /docs/{id}/versions}) after every {@code --version-every}
 * updates sent; the same trace into a document without history (named with
 * {@code --without-history-prefix}, which persistence-service's {@code skein.history.documents}
 * must exclude). Then:
 * <ul>
 *   <li>storage: both documents compacted (the one with history after a last version), bytes
 *       stored with history against without (target at most 1.5 times);</li>
 *   <li>a version's JSON: {@code GET /docs/{id}/versions/{v}/content} of every version once and of
 *       the oldest {@code --json-reads} more times (target 200 ms);</li>
 *   <li>restore: a client connected through the gateway holds the document; the oldest version is
 *       restored ({@code POST …/versions/{v}/restore}) and the time until that client's text is
 *       the version's is measured (target 1 s).</li>
 * </ul>
 * A version asked for during the replay covers what had reached the log by then, which may be less
 * than what was handed to the connections (the gateway reads each connection at its own pace, so
 * the log also holds the keystrokes of different connections up to different points); the last
 * version, taken once storage holds the whole trace, must show exactly the trace's text. Exactly
 * which text each version shows is checked against yjs by persistence-service's
 * {@code VersionRecordingTest} and {@code HistoryStorageIT} and by e2e's {@code VersionHistoryIT}.
 */
public final class HistoryScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "history";

    private final Path trace;
    private final DocApi api;
    private final PersistenceProbe persistence;
    private final int keystrokes;
    private final double rate;
    private final double writerCap;
    private final int versionEvery;
    private final String withoutPrefix;
    private final int jsonReads;
    private final Duration settleTimeout;

    /**
     * Reads {@code --doc-service-url} and {@code --persistence-url} (required), their
     * {@code --doc-service-token} / {@code --persistence-token}, {@code --trace}, {@code --keystrokes}
     * (all of the trace), {@code --rate} (2,000 updates/s), {@code --writer-cap} (150 updates/s per
     * connection), {@code --version-every} (10,000 updates), {@code --without-history-prefix}
     * ({@code nohistory-}), {@code --json-reads} (10) and {@code --settle-timeout} (180 s).
     */
    public HistoryScenario(Arguments args) {
        this.trace = args.string("trace").map(Path::of).orElseGet(BigDocScenario::defaultTrace);
        this.api = new DocApi(args.required("doc-service-url"), args.string("doc-service-token"), Duration.ofSeconds(60));
        this.persistence = new PersistenceProbe(args.required("persistence-url"), args.string("persistence-token"));
        this.keystrokes = args.integer("keystrokes", Integer.MAX_VALUE, 1);
        this.rate = args.positive("rate", 2_000);
        this.writerCap = args.positive("writer-cap", 150);
        this.versionEvery = args.integer("version-every", 10_000, 1);
        this.withoutPrefix = args.string("without-history-prefix").orElse("nohistory-");
        this.jsonReads = args.integer("json-reads", 10, 1);
        this.settleTimeout = args.seconds("settle-timeout", 180, 1);
    }

    /**
     * A version as taken during the replay: how many updates had been handed over when it was asked
     * for; version -1 when doc-service answered 504 (persistence-service records it later).
     */
    private record Taken(long version, int sentBefore, long micros) {
    }

    @Override
    public Result run(RunContext context) throws IOException {
        EditTrace edits = EditTrace.read(trace);
        TraceReplay replay = TraceReplay.of(edits, context.clientId(), "text");
        List<byte[]> updates = replay.updates();
        int count = Math.min(keystrokes, updates.size());
        if (updates.size() != edits.patches().size() && count < updates.size()) {
            throw new ScenarioException("the trace's updates do not match its patches one to one: use the whole trace");
        }
        String expected = textAfter(edits, count, updates.size());
        String withHistory = context.doc(NAME);
        String without = withoutPrefix + withHistory;

        List<Taken> taken = new ArrayList<>();
        double sendSeconds = send(context, withHistory, updates, count, taken, replay, expected);
        send(context, without, updates, count, null, replay, expected);

        // the last version, then both compacted: what storage holds for good
        DocApi.Answer last = api.takeVersion(withHistory, "end");
        if (last.status() != 201) {
            throw new ScenarioException("the last version was refused: " + last.status() + " " + last.body());
        }
        long lastVersion = ((Number) ((Map<?, ?>) Json.parse(last.body())).get("version")).longValue();
        List<Map<String, Object>> versions = versions(withHistory);
        if (!versions(without).isEmpty()) {
            throw new ScenarioException(without + " has versions: persistence-service's skein.history.documents must exclude "
                + withoutPrefix + "…");
        }
        for (String doc : List.of(withHistory, without)) {
            String outcome = persistence.compact(doc);
            if (!outcome.equals("compacted") && !outcome.equals("up-to-date")) {
                throw new ScenarioException("the compaction of " + doc + " did not compact (outcome " + outcome + ")");
            }
        }
        PersistenceProbe.StoredObjects with = persistence.objects(withHistory);
        PersistenceProbe.StoredObjects plain = persistence.objects(without);
        double ratio = (double) with.totalBytes() / plain.totalBytes();

        // a version's JSON: every version once, the oldest again and again; the last is the whole trace
        long oldest = ((Number) versions.get(versions.size() - 1).get("version")).longValue();
        Histogram everyVersionMicros = new Histogram(3);
        boolean lastIsWholeText = false;
        String oldestText = null;
        for (Map<String, Object> version : versions) {
            long v = ((Number) version.get("version")).longValue();
            DocApi.Answer answer = api.versionText(withHistory, v, replay.root());
            everyVersionMicros.recordValue(answer.micros());
            String text = textOf(answer);
            if (v == lastVersion) {
                lastIsWholeText = expected.equals(text);
            }
            if (v == oldest) {
                oldestText = text;
            }
        }
        Histogram oldestMicros = new Histogram(3);
        for (int i = 0; i < jsonReads; i++) {
            oldestMicros.recordValue(api.versionText(withHistory, oldest, replay.root()).micros());
        }
        Histogram takeMicros = new Histogram(3);
        taken.forEach(t -> takeMicros.recordValue(t.micros()));

        long restoreNanos = restoreVisible(context, withHistory, oldest, oldestText, replay.root());

        boolean ok = lastIsWholeText && ratio <= 1.5;
        Result result = new Result(NAME).put("ok", ok);
        result.put("trace", trace.getFileName().toString());
        result.put("keystroke_updates", count);
        result.put("rate", rate);
        result.put("version_every", versionEvery);
        result.put("send_s", LatencySummary.round(sendSeconds));
        result.put("versions", versions.size());
        result.put("last_version_is_whole_text", lastIsWholeText);
        result.put("versions_asked", taken.stream().map(t -> Map.of("after_updates", t.sentBefore(), "version", t.version()))
            .toList());
        result.put("take_version_ms", LatencySummary.of(takeMicros));
        result.put("take_version_timeouts", taken.stream().filter(t -> t.version() < 0).count());
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("with_history", with.totalBytes());
        bytes.put("history_objects", with.historyBytes());
        bytes.put("without_history", plain.totalBytes());
        bytes.put("ratio", LatencySummary.round(ratio));
        result.put("bytes", bytes);
        result.put("version_json_ms", Map.of(
            "every_version", LatencySummary.of(everyVersionMicros), "oldest", LatencySummary.of(oldestMicros)));
        result.put("restore_visible_ms", LatencySummary.round(restoreNanos / 1e6));
        result.line(String.format(Locale.ROOT, "history: %s, %d keystroke updates at %.0f/s in %.1f s, a version every %d: "
            + "%d versions, the last %s", trace.getFileName(), count, rate, sendSeconds, versionEvery, versions.size(),
            lastIsWholeText ? "shows the whole trace" : "DOES NOT show the whole trace"));
        result.line(String.format(Locale.ROOT, "storage: %d B with history (%d B version and changes objects), %d B without: "
            + "%.2f times (target 1.5)", with.totalBytes(), with.historyBytes(), plain.totalBytes(), ratio));
        result.line("a version's JSON: every version " + LatencySummary.line(everyVersionMicros) + "; the oldest "
            + LatencySummary.line(oldestMicros) + " (target 200 ms)");
        result.line("taking a version during the replay: " + LatencySummary.line(takeMicros) + ", "
            + taken.stream().filter(t -> t.version() < 0).count() + " answered 504 (persistence-service behind the log by more "
            + "than its request timeout)");
        result.line(String.format(Locale.ROOT, "restore of the oldest version visible in a connected client after %.0f ms "
            + "(target 1 s)", restoreNanos / 1e6));
        context.describe(result);
        return result;
    }

    /**
     * Sends the first {@code count} updates into {@code doc} at the rate over as many connections
     * as the writer cap needs; with {@code taken}, asks doc-service for a version after every
     * {@code versionEvery} updates, on its own thread so that the pacing is not held up. The
     * connections stay open until storage holds {@code expected}: what a connection sent may still
     * wait in its buffers when the last update is handed over, and closing it would drop that.
     */
    private double send(RunContext context, String doc, List<byte[]> updates, int count, List<Taken> taken,
            TraceReplay replay, String expected) {
        int writerCount = (int) Math.ceil(rate / writerCap);
        List<YClient> writers = new ArrayList<>();
        AtomicReference<String> closeReason = new AtomicReference<>();
        for (int w = 0; w < writerCount; w++) {
            writers.add(new YClient(context.target(), doc, new YClient.Listener() {
                @Override
                public void onUpdate(byte[] update, long arrivalNanos, boolean syncReply) {
                }

                @Override
                public void onClosed(int code, String reason) {
                    closeReason.compareAndSet(null, code + " " + reason);
                }
            }));
        }
        ExecutorService versionRequests = Executors.newSingleThreadExecutor();
        List<CompletableFuture<Taken>> requested = new ArrayList<>();
        try {
            ClientGroup.connectAndSync(writers, context.connector(), writerCount, context.connectTimeout());
            long start = System.nanoTime();
            int sent = Waits.get(context.pacer().every(rate, 0, count, Long.MAX_VALUE, i -> {
                YClient writer = writers.get(i % writerCount);
                writer.sendUpdate(updates.get(i));
                if (taken != null && (i + 1) % versionEvery == 0) {
                    int sentBefore = i + 1;
                    requested.add(CompletableFuture.supplyAsync(() -> take(doc, sentBefore), versionRequests));
                }
                return writer.isOpen();
            }), Duration.ofSeconds((long) (count / rate) + 120), "sending the trace");
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sent != count || !writers.stream().allMatch(YClient::isOpen)) {
                throw new ScenarioException("a connection closed after " + sent + " of " + count + " updates ("
                    + closeReason.get() + ")");
            }
            for (CompletableFuture<Taken> version : requested) {
                taken.add(Waits.get(version, Duration.ofSeconds(120), "a version request"));
            }
            awaitStored(doc, replay, expected);
            return seconds;
        } finally {
            versionRequests.shutdownNow();
            writers.forEach(YClient::close);
        }
    }

    private Taken take(String doc, int sentBefore) {
        try {
            DocApi.Answer answer = api.takeVersion(doc, "after " + sentBefore);
            if (answer.status() == 504) {
                // persistence-service answers in log order, after storing every update before the
                // request; lagging more than its request timeout, it still records the version later
                return new Taken(-1, sentBefore, answer.micros());
            }
            if (answer.status() != 201) {
                throw new ScenarioException("a version request was answered " + answer.status() + ": " + answer.body());
            }
            return new Taken(((Number) ((Map<?, ?>) Json.parse(answer.body())).get("version")).longValue(), sentBefore,
                answer.micros());
        } catch (IOException e) {
            throw new ScenarioException("a version request failed: " + e.getMessage(), e);
        }
    }

    private void awaitStored(String doc, TraceReplay replay, String expected) {
        if (!Waits.until(() -> expected.equals(storedText(doc, replay)), settleTimeout)) {
            throw new ScenarioException("storage did not hold the whole text of " + doc + " within "
                + settleTimeout.toSeconds() + " s");
        }
    }

    private String storedText(String doc, TraceReplay replay) {
        try {
            byte[] state = persistence.export(doc);
            return state == null ? "" : DocumentCheck.visibleText(replay, state);
        } catch (IOException e) {
            return "";
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> versions(String doc) throws IOException {
        DocApi.Answer answer = api.versions(doc);
        if (answer.status() != 200) {
            throw new ScenarioException("GET /docs/" + doc + "/versions answered " + answer.status() + ": " + answer.body());
        }
        return (List<Map<String, Object>>) Json.parse(answer.body());
    }

    private static String textOf(DocApi.Answer answer) {
        if (answer.status() != 200) {
            throw new ScenarioException("a version's content was answered " + answer.status() + ": " + answer.body());
        }
        Object text = ((Map<?, ?>) Json.parse(answer.body())).get("text");
        return text instanceof String s ? s : "";
    }

    private static String textAfter(EditTrace edits, int n, int all) {
        return n == all && edits.endContent() != null ? edits.endContent()
            : new EditTrace(edits.startContent(), edits.patches().subList(0, n), null).replayAsText();
    }

    /**
     * Connects a client through the gateway, restores {@code version} and measures from the request
     * until the client's text is {@code text}.
     */
    private long restoreVisible(RunContext context, String doc, long version, String text, String root) throws IOException {
        Doc held = new Doc();
        long[] shownAt = {0};
        YClient observer = new YClient(context.target(), doc, (update, arrivalNanos, syncReply) -> {
            synchronized (held) {
                held.applyUpdate(update);
                if (shownAt[0] == 0 && !syncReply && text.equals(held.getText(root).toString())) {
                    shownAt[0] = arrivalNanos;
                }
            }
        });
        try {
            ClientGroup.connectAndSync(List.of(observer), context.connector(), 1, context.connectTimeout());
            long asked = System.nanoTime();
            DocApi.Answer answer = api.restore(doc, version, root);
            if (answer.status() != 200) {
                throw new ScenarioException("the restore was answered " + answer.status() + ": " + answer.body());
            }
            if (((Number) ((Map<?, ?>) Json.parse(answer.body())).get("ops")).intValue() == 0) {
                throw new ScenarioException("the oldest version is the current text: nothing to restore (fewer updates than --version-every?)");
            }
            if (!Waits.until(() -> {
                synchronized (held) {
                    return shownAt[0] != 0;
                }
            }, Duration.ofSeconds(60))) {
                throw new ScenarioException("the restored text did not reach the connected client within 60 s");
            }
            synchronized (held) {
                return shownAt[0] - asked;
            }
        } finally {
            observer.close();
        }
    }
}
