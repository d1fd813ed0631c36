package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.docapi.DocApi;
import dev.skein.loadtool.measure.LatencySummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * One-operation edits over REST, one after the other, each timed until a client connected to the
 * gateway (as a browser is) receives the update holding it: from the moment the request returned
 * (0 when the update arrived first) and from the moment it was sent.
 */
final class EditVisibilityPhase {

    private final int edits;
    private final Duration timeout;

    EditVisibilityPhase(int edits, Duration timeout) {
        this.edits = edits;
        this.timeout = timeout;
    }

    PhaseResult run(RunContext context, DocApi api) throws IOException {
        String doc = context.doc("docapi-edit");
        DocApi.Answer schema = api.schema(doc, "{\"roots\":{\"t\":\"text\"}}");
        if (schema.status() != 200) {
            throw new ScenarioException("PUT schema answered " + schema.status() + ": " + schema.body());
        }
        AtomicReference<byte[]> awaited = new AtomicReference<>();
        AtomicLong arrival = new AtomicLong();
        YClient reader = new YClient(context.readerTarget(), doc, (update, at, reply) -> {
            byte[] token = awaited.get();
            if (token != null && contains(update, token)) {
                arrival.compareAndSet(0, at);
            }
        });
        try {
            ClientGroup.connectAndSync(List.of(reader), context.connector(), 1, context.connectTimeout());
            Histogram afterReturn = new Histogram(3);
            Histogram afterSend = new Histogram(3);
            Histogram roundTrip = new Histogram(3);
            int beforeAnswer = 0;
            int unseen = 0;
            for (int i = 0; i < edits; i++) {
                String token = String.format(Locale.ROOT, "<e%06d>", i);
                arrival.set(0);
                awaited.set(token.getBytes(StandardCharsets.UTF_8));
                DocApi.Answer answer = api.edit(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\""
                        + token + "\"}]}");
                if (answer.status() != 200) {
                    throw new ScenarioException("edit " + i + " answered " + answer.status() + ": " + answer.body());
                }
                if (!Waits.until(() -> arrival.get() != 0, timeout)) {
                    unseen++;
                    continue;
                }
                long seen = arrival.get();
                if (seen - answer.answeredNanos() < 0) {
                    beforeAnswer++;
                }
                afterReturn.recordValue(Math.max(0, (seen - answer.answeredNanos()) / 1_000));
                afterSend.recordValue(Math.max(0, (seen - answer.sentNanos()) / 1_000));
                roundTrip.recordValue(Math.max(1, answer.micros()));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("edits", edits);
            fields.put("visible_after_return", LatencySummary.of(afterReturn));
            fields.put("visible_after_send", LatencySummary.of(afterSend));
            fields.put("request_round_trip", LatencySummary.of(roundTrip));
            fields.put("arrived_before_answer", beforeAnswer);
            fields.put("unseen", unseen);
            return new PhaseResult(fields, unseen == 0, List.of(
                    "edit: one text.insert, visible in a connected client after the request returned: "
                            + LatencySummary.line(afterReturn),
                    "edit: after it was sent: " + LatencySummary.line(afterSend) + "; request round trip: "
                            + LatencySummary.line(roundTrip),
                    String.format(Locale.ROOT, "edit: %d arrived before the answer, %d never seen", beforeAnswer, unseen)));
        } finally {
            reader.close();
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
