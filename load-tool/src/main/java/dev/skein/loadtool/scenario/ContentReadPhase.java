package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.docapi.DocApi;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.trace.EditTrace;
import dev.skein.loadtool.trace.TraceReplay;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Compaction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /docs/{id}/content} on a large document: the B4 trace replayed, compacted and sent by
 * a Yjs client; once the JSON holds the trace's final text (the owner has the document loaded),
 * warm-up reads and then timed reads one after the other.
 */
final class ContentReadPhase {

    private static final String ROOT = "text";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final Path trace;
    private final int warmup;
    private final int reads;
    private final Duration preloadTimeout;

    ContentReadPhase(Path trace, int warmup, int reads, Duration preloadTimeout) {
        this.trace = trace;
        this.warmup = warmup;
        this.reads = reads;
        this.preloadTimeout = preloadTimeout;
    }

    PhaseResult run(RunContext context, DocApi api) throws IOException {
        EditTrace edits = EditTrace.read(trace);
        TraceReplay replay = TraceReplay.of(edits, context.clientId(), ROOT);
        byte[] document = Compaction.mergeAndCompact(replay.updates());
        String expected = Json.stringify(Map.of(ROOT, edits.endContent()));
        String doc = context.doc("docapi-content");
        YClient writer = new YClient(context.target(), doc, (update, at, reply) -> { });
        try {
            ClientGroup.connectAndSync(List.of(writer), context.connector(), 1, context.connectTimeout());
            writer.sendUpdate(document);
            long preloadStart = System.nanoTime();
            long deadline = preloadStart + preloadTimeout.toNanos();
            DocApi.Answer answer = api.textContent(doc, ROOT);
            while (!(answer.status() == 200 && answer.body().equals(expected))) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new ScenarioException("GET content did not show the whole B4 document within "
                            + preloadTimeout.toSeconds() + " s (last answer " + answer.status() + ")");
                }
                Waits.pause(RETRY_PAUSE);
                answer = api.textContent(doc, ROOT);
            }
            double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;
            for (int i = 0; i < warmup; i++) {
                api.textContent(doc, ROOT);
            }
            Histogram micros = new Histogram(3);
            int wrong = 0;
            for (int i = 0; i < reads; i++) {
                DocApi.Answer read = api.textContent(doc, ROOT);
                micros.recordValue(Math.max(1, read.micros()));
                if (read.status() != 200 || !read.body().equals(expected)) {
                    wrong++;
                }
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("trace", trace.getFileName().toString());
            fields.put("document_update_bytes", document.length);
            fields.put("json_bytes", expected.length());
            fields.put("preload_s", LatencySummary.round(preloadSeconds));
            fields.put("warmup_reads", warmup);
            fields.put("latency", LatencySummary.of(micros));
            fields.put("wrong_answers", wrong);
            return new PhaseResult(fields, wrong == 0, List.of(
                    "content: GET /docs/{id}/content of " + trace.getFileName() + " (" + expected.length()
                            + " bytes of JSON), warm owner: " + LatencySummary.line(micros),
                    "content: answers not the trace's final text: " + wrong));
        } finally {
            writer.close();
        }
    }
}
