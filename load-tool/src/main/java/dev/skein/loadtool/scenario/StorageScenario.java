package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.storage.PersistenceProbe;
import dev.skein.loadtool.trace.DocumentCheck;
import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.update.Compaction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Durable storage under load (Skein only): the B4 trace sent through the gateway as one update per
 * keystroke, at a fixed rate, into one document; then, from persistence-service's metrics and
 * admin API: the bytes of batch objects written for it (what storage would hold without
 * compaction), the bytes after a compaction, the time from an update's arrival in the log to its
 * durable write (p50/p99), and objects written per second. The stored state is checked against the
 * trace's text.
 *
 * <p>A document with version history (persistence-service's default) is compacted only from its
 * first version on, which persistence-service records once editing has paused for
 * {@code skein.history.idle}: the scenario asks for that version at once instead of waiting, then
 * compacts. The bytes after compaction then include the version history's objects.
 */
public final class StorageScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "storage";

    private final Path trace;
    private final String persistenceUrl;
    private final java.util.Optional<String> persistenceToken;
    private final int keystrokes;
    private final double rate;
    private final double writerCap;
    private final Duration settleTimeout;

    /**
     * Reads {@code --persistence-url} (required), {@code --persistence-token}, {@code --trace},
     * {@code --keystrokes} (all of the trace), {@code --rate} (2,000 updates/s),
     * {@code --writer-cap} (150: updates/s one connection sends, under the gateway's per-connection
     * limit; the keystrokes are dealt round-robin over as many connections as the rate needs) and
     * {@code --settle-timeout} (180 s: until everything is stored).
     */
    public StorageScenario(Arguments args) {
        this.trace = args.string("trace").map(Path::of).orElseGet(BigDocScenario::defaultTrace);
        this.persistenceUrl = args.required("persistence-url");
        this.persistenceToken = args.string("persistence-token");
        this.keystrokes = args.integer("keystrokes", Integer.MAX_VALUE, 1);
        this.rate = args.positive("rate", 2_000);
        this.writerCap = args.positive("writer-cap", 150);
        this.settleTimeout = args.seconds("settle-timeout", 180, 1);
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
        String expected = count == updates.size() ? edits.endContent()
            : new EditTrace(edits.startContent(), edits.patches().subList(0, count), null).replayAsText();
        long sentBytes = 0;
        for (int i = 0; i < count; i++) {
            sentBytes += updates.get(i).length;
        }

        PersistenceProbe persistence = new PersistenceProbe(persistenceUrl, persistenceToken);
        double batchesBefore = persistence.sum("skein_persistence_batches_total");
        double writtenBefore = persistence.sum("skein_persistence_written_bytes_total");

        String doc = context.doc(NAME);
        int writerCount = (int) Math.ceil(rate / writerCap);
        List<YClient> writers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<String> closeReason = new java.util.concurrent.atomic.AtomicReference<>();
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
        long sendStart;
        long sendEnd;
        try {
            ClientGroup.connectAndSync(writers, context.connector(), writerCount, context.connectTimeout());
            sendStart = System.nanoTime();
            int sent = Waits.get(context.pacer().every(rate, 0, count, Long.MAX_VALUE, i -> {
                YClient writer = writers.get(i % writerCount);
                writer.sendUpdate(updates.get(i));
                return writer.isOpen();
            }), Duration.ofSeconds((long) (count / rate) + 120), "sending the trace");
            sendEnd = System.nanoTime();
            if (sent != count || !writers.stream().allMatch(YClient::isOpen)) {
                throw new ScenarioException("a connection closed after " + sent + " of " + count + " updates ("
                    + closeReason.get() + ")");
            }
            // everything typed is in storage, checked by content
            // a close arriving now (behind the frames queued to the writer) still lost what it sent after
            // it: this tool's writers do not reconnect and resend as a stock provider does
            if (!Waits.until(() -> closeReason.get() != null || expected.equals(storedText(persistence, doc, replay)),
                    settleTimeout)) {
                throw new ScenarioException("storage did not hold the whole text within " + settleTimeout.toSeconds() + " s");
            }
            if (closeReason.get() != null && !expected.equals(storedText(persistence, doc, replay))) {
                throw new ScenarioException("a connection was closed before everything was stored (" + closeReason.get() + ")");
            }
        } finally {
            writers.forEach(YClient::close);
        }
        long storedAt = System.nanoTime();
        double objectsWritten = persistence.sum("skein_persistence_batches_total") - batchesBefore;
        double batchBytes = persistence.sum("skein_persistence_written_bytes_total") - writtenBefore;
        double p50 = persistence.sample("skein_persistence_durable_latency_seconds{quantile=\"0.5\"}");
        double p99 = persistence.sample("skein_persistence_durable_latency_seconds{quantile=\"0.99\"}");
        PersistenceProbe.StoredObjects beforeFinal = persistence.objects(doc);
        boolean versioned = persistence.recordVersion(doc);
        String outcome = persistence.compact(doc);
        if (!outcome.equals("compacted") && !outcome.equals("up-to-date")) {
            throw new ScenarioException("the final compaction did not compact (outcome " + outcome + ")");
        }
        PersistenceProbe.StoredObjects compacted = persistence.objects(doc);
        byte[] state = persistence.export(doc);
        boolean intact = state != null && expected.equals(DocumentCheck.visibleText(replay, state));
        int reference = Compaction.mergeAndCompact(updates.subList(0, count)).length;

        double sendSeconds = (sendEnd - sendStart) / 1e9;
        double untilStoredSeconds = (storedAt - sendStart) / 1e9;
        Result result = new Result(NAME).put("ok", intact);
        result.put("trace", trace.getFileName().toString());
        result.put("keystroke_updates", count);
        result.put("rate", rate);
        result.put("writers", writerCount);
        result.put("send_s", LatencySummary.round(sendSeconds));
        result.put("until_stored_s", LatencySummary.round(untilStoredSeconds));
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("updates_sent", sentBytes);
        bytes.put("batch_objects_written", (long) batchBytes);
        bytes.put("stored_before_final_compaction", beforeFinal.totalBytes());
        bytes.put("stored_after_compaction", compacted.totalBytes());
        bytes.put("newest_snapshot", compacted.newestSnapshotBytes());
        bytes.put("history_after_compaction", compacted.historyBytes());
        bytes.put("reference_compacted_update", reference);
        result.put("bytes", bytes);
        result.put("version_history", versioned);
        result.put("objects_after_compaction", Map.of("batches", compacted.batches(), "snapshots", compacted.snapshots(),
            "versions", compacted.versions(), "changes", compacted.changes()));
        result.put("batch_objects", (long) objectsWritten);
        result.put("batch_objects_per_s", LatencySummary.round(objectsWritten / untilStoredSeconds));
        result.put("arrival_to_durable_ms", Map.of("p50", LatencySummary.round(p50 * 1000), "p99",
            LatencySummary.round(p99 * 1000)));
        result.put("stored_state_intact", intact);
        result.line(String.format(Locale.ROOT, "storage: %s, %d keystroke updates (%d bytes) sent at %.0f/s over %d connections in %.1f s, stored after %.1f s",
            trace.getFileName(), count, sentBytes, rate, writerCount, sendSeconds, untilStoredSeconds));
        result.line(String.format(Locale.ROOT, "bytes: batch objects written %d, stored before the final compaction %d, after %d "
            + "(newest snapshot %d; ycrdt's compacted update %d; version history %s)", (long) batchBytes,
            beforeFinal.totalBytes(), compacted.totalBytes(), compacted.newestSnapshotBytes(), reference,
            versioned ? compacted.historyBytes() + " in " + compacted.versions() + " version and " + compacted.changes()
                + " changes objects" : "off"));
        result.line(String.format(Locale.ROOT, "arrival to durable write: p50 %.1f ms, p99 %.1f ms; %d batch objects, %.1f objects/s",
            p50 * 1000, p99 * 1000, (long) objectsWritten, objectsWritten / untilStoredSeconds));
        result.line("stored state equals the trace's text: " + (intact ? "OK" : "FAILED"));
        context.describe(result);
        return result;
    }

    private static String storedText(PersistenceProbe persistence, String doc, TraceReplay replay) {
        try {
            byte[] state = persistence.export(doc);
            return state == null ? "" : DocumentCheck.visibleText(replay, state);
        } catch (IOException e) {
            return "";
        }
    }
}
