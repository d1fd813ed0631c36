package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.ReconnectingReader;
import dev.skein.loadtool.docapi.DocApi;
import dev.skein.loadtool.docapi.PacedChunks;
import dev.skein.loadtool.docapi.TextReplica;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A text stream into a document with connected readers: numbered chunks sent at a fixed rate in
 * one chunked request; afterwards every reader's text (its received updates applied to a Yjs
 * document) must be exactly the chunks in order. Readers behave as stock providers: one the server
 * closes for a transient reason (a reader too slow for the stream, for example) reconnects and
 * syncs, and the result says how often that happened and with which close codes.
 */
final class StreamPhase {

    private static final Duration CHECK_PAUSE = Duration.ofMillis(500);

    private final int chunks;
    private final int width;
    private final double rate;
    private final int readers;
    private final Duration drainTimeout;

    StreamPhase(int chunks, int width, double rate, int readers, Duration drainTimeout) {
        this.chunks = chunks;
        this.width = width;
        this.rate = rate;
        this.readers = readers;
        this.drainTimeout = drainTimeout;
    }

    PhaseResult run(RunContext context, DocApi api) throws IOException {
        String doc = context.doc("docapi-stream");
        DocApi.Answer schema = api.schema(doc, "{\"roots\":{\"t\":\"text\"}}");
        if (schema.status() != 200) {
            throw new ScenarioException("PUT schema answered " + schema.status() + ": " + schema.body());
        }
        List<TextReplica> replicas = new ArrayList<>();
        List<ReconnectingReader> clients = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            TextReplica replica = new TextReplica();
            replicas.add(replica);
            clients.add(new ReconnectingReader(context.readerTarget(), doc, context.connector(),
                    (update, arrivalNanos, syncReply) -> replica.add(update, arrivalNanos)));
        }
        try (PacedChunks body = new PacedChunks(width)) {
            ClientGroup.connectAndSync(clients, ReconnectingReader::connectAndSync, 50, context.connectTimeout());
            context.pacer().resetLag();
            long start = System.nanoTime();
            CompletableFuture<DocApi.Answer> answer = api.stream(doc, "t", body.publisher());
            // the HTTP client takes the body once it is connected; pacing starts then
            if (!Waits.until(body::subscribed, context.connectTimeout())) {
                throw new ScenarioException("the stream request did not start within "
                        + context.connectTimeout().toSeconds() + " s");
            }
            long deadline = start + Math.round(chunks / rate * 1e9) * 3 + drainTimeout.toNanos();
            int sent = Waits.get(context.pacer().every(rate, 0, chunks, deadline, i -> {
                body.send(i);
                return true;
            }), Duration.ofNanos(deadline - start).plus(drainTimeout), "stream pacing");
            body.close();
            DocApi.Answer streamed = Waits.get(answer, drainTimeout, "stream answer");
            double streamSeconds = (System.nanoTime() - start) / 1e9;
            String expected = body.expected(sent);
            int equal = awaitReaders(replicas, expected);
            // where a difference comes from: the document itself, or the way to the readers
            DocApi.Answer server = api.text(doc, "t");
            String firstReader = replicas.get(0).text("t");
            Object updates = null;
            Object characters = null;
            if (streamed.status() == 200 && Json.parse(streamed.body()) instanceof Map<?, ?> summary) {
                updates = summary.get("chunks");
                characters = summary.get("characters");
            }
            boolean ok = streamed.status() == 200 && sent == chunks && equal == readers;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("chunks_sent", sent);
            fields.put("chunk_characters", width);
            fields.put("rate_per_s", rate);
            fields.put("status", streamed.status());
            fields.put("server_updates", updates);
            fields.put("server_characters", characters);
            fields.put("stream_s", LatencySummary.round(streamSeconds));
            fields.put("readers", readers);
            fields.put("readers_with_the_whole_text", equal);
            fields.put("readers_reconnected", clients.stream().filter(c -> c.reconnects() > 0).count());
            fields.put("reconnects", clients.stream().mapToInt(ReconnectingReader::reconnects).sum());
            fields.put("readers_gave_up", clients.stream().filter(ReconnectingReader::gaveUp).count());
            fields.put("close_codes", closeCodes(clients));
            fields.put("document_text_complete", server.status() == 200 && server.body().equals(expected));
            if (equal < readers) {
                fields.put("expected_characters", expected.length());
                fields.put("document_characters", server.body().length());
                fields.put("document_first_difference", firstDifference(server.body(), expected));
                fields.put("first_reader_characters", firstReader.length());
                fields.put("first_reader_first_difference", firstDifference(firstReader, expected));
            }
            fields.put("pacing_lag", LatencySummary.of(context.pacer().lag()));
            return new PhaseResult(fields, ok, List.of(
                    String.format(Locale.ROOT, "stream: %d chunks of %d characters at %.0f/s in %.1f s -> %s (%s updates)",
                            sent, width, rate, streamSeconds, streamed.status(), updates),
                    String.format(Locale.ROOT, "stream: %d of %d readers ended with the whole text in order -> %s",
                            equal, readers, ok ? "OK" : "FAILED"),
                    String.format(Locale.ROOT, "stream: %d readers reconnected (%d times) after closes %s",
                            fields.get("readers_reconnected"), fields.get("reconnects"), fields.get("close_codes"))));
        } finally {
            clients.forEach(ReconnectingReader::close);
        }
    }

    /** The close codes the server sent the readers, with how often, by code. */
    private static Map<String, Integer> closeCodes(List<ReconnectingReader> clients) {
        Map<String, Integer> codes = new TreeMap<>();
        clients.forEach(c -> c.closeCodes().forEach((code, n) -> codes.merge(String.valueOf(code), n, Integer::sum)));
        return codes;
    }

    /** The first index where {@code text} differs from {@code expected}, -1 if equal. */
    private static int firstDifference(String text, String expected) {
        int common = Math.min(text.length(), expected.length());
        for (int i = 0; i < common; i++) {
            if (text.charAt(i) != expected.charAt(i)) {
                return i;
            }
        }
        return text.length() == expected.length() ? -1 : common;
    }

    /** Checks readers until all hold {@code expected} or the drain timeout passed; returns how many do. */
    private int awaitReaders(List<TextReplica> replicas, String expected) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        List<TextReplica> behind = new ArrayList<>(replicas);
        while (true) {
            behind.removeIf(r -> r.text("t").equals(expected));
            if (behind.isEmpty() || System.nanoTime() - deadline >= 0) {
                return replicas.size() - behind.size();
            }
            Waits.pause(CHECK_PAUSE);
        }
    }
}
