package dev.skein.loadtool.scenario;

import dev.skein.loadtool.text.ChainCopy;
import dev.skein.loadtool.measure.CpuClock;
import dev.skein.loadtool.measure.ServerCpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import java.util.LinkedHashMap;
import org.HdrHistogram.Histogram;

/**
 * Paces every writer of some documents at a fixed rate for a bounded time, then waits (bounded)
 * for the readers to catch up and counts what arrived: the measuring core of fanout and
 * throughput.
 */
final class DeliveryRun {

    /**
     * What one run delivered; {@code generatorCpuPercent} is this process's CPU time while
     * writing and draining, as a share of one core (warm-up and connection set-up excluded).
     */
    record Outcome(long sent, long expectedDeliveries, long delivered, long lost, long duplicates,
            boolean converged, long closedClients, Histogram latency, double writeSeconds,
            double deliverySeconds, boolean drained, double generatorCpuPercent, long malformedFrames,
            Map<String, Double> serverCpuSeconds) {

        /**
         * This run alone, after {@code earlier} (an unmeasured run on the same clients, whose
         * counts and latency histograms are cumulative): its sends, deliveries and latencies
         * without the earlier run's. Loss, duplicates and convergence stay checked over both.
         */
        Outcome after(Outcome earlier) {
            Histogram own = latency.copy();
            own.subtract(earlier.latency);
            return new Outcome(sent - earlier.sent, expectedDeliveries - earlier.expectedDeliveries,
                delivered - earlier.delivered, lost, duplicates, converged, closedClients, own, writeSeconds,
                deliverySeconds, drained, generatorCpuPercent, malformedFrames, serverCpuSeconds);
        }

        /** Distinct live deliveries per second, from the first send to the end of the drain. */
        double deliveredPerSecond() {
            return deliverySeconds <= 0 ? 0 : delivered / deliverySeconds;
        }
    }

    private DeliveryRun() {
    }

    /**
     * The server's CPU seconds of a run, per process and in total, and per 100,000 deliveries:
     * nothing when no process was named ({@code --cpu-pid}).
     */
    static void reportServerCpu(Result result, Outcome outcome) {
        if (outcome.serverCpuSeconds().size() <= 1) {
            return;
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        Map<String, Object> per100k = new LinkedHashMap<>();
        outcome.serverCpuSeconds().forEach((name, seconds) -> {
            cpu.put(name, LatencySummary.round(seconds));
            per100k.put(name, outcome.delivered() == 0 ? null
                : LatencySummary.round(seconds * 100_000.0 / outcome.delivered()));
        });
        result.put("server_cpu_s", cpu);
        result.put("server_cpu_s_per_100k_deliveries", per100k);
        result.line(String.format(java.util.Locale.ROOT, "server CPU: %.2f s in all (%s), %.2f s per 100,000 deliveries",
                outcome.serverCpuSeconds().get("total"), cpu, (Double) per100k.get("total") == null ? 0.0 : per100k.get("total")));
    }

    /**
     * Runs the writers of {@code docs}, each at {@code ratePerWriter}, for {@code duration},
     * then waits up to {@code drainTimeout} for every reader to have every update.
     */
    static Outcome run(RunContext context, List<DocLoad> docs, double ratePerWriter, Duration duration,
            Duration drainTimeout) {
        long periodNanos = Math.round(1e9 / ratePerWriter);
        CpuClock cpu = CpuClock.start();
        Map<String, Double> serverBefore = context.serverCpu().snapshot();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<CompletableFuture<Integer>> pacing = new ArrayList<>();
        for (DocLoad doc : docs) {
            for (DocLoad.Writer writer : doc.writers()) {
                // Staggered starts: writers ticking in lockstep would send bursts, not a rate.
                long offset = ThreadLocalRandom.current().nextLong(periodNanos);
                pacing.add(context.pacer().every(ratePerWriter, offset, Integer.MAX_VALUE, deadline, tick -> {
                    if (!writer.client().isOpen() || !writer.chain().hasCapacity()) {
                        return false;
                    }
                    writer.client().sendUpdate(writer.chain().next());
                    return true;
                }));
            }
        }
        Waits.get(CompletableFuture.allOf(pacing.toArray(CompletableFuture[]::new)),
                duration.plusSeconds(30), "writers pacing");
        long writeEnd = System.nanoTime();
        boolean drained = Waits.until(() -> docs.stream().allMatch(DocLoad::allDelivered), drainTimeout);
        long drainEnd = System.nanoTime();
        Map<String, Double> serverCpu = ServerCpu.used(serverBefore, context.serverCpu().snapshot());
        return count(docs, start, writeEnd, drainEnd, drained, cpu.percentOfOneCore(), serverCpu);
    }

    private static Outcome count(List<DocLoad> docs, long start, long writeEnd, long drainEnd, boolean drained,
            double cpuPercent, Map<String, Double> serverCpu) {
        long sent = 0;
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long duplicates = 0;
        long closed = 0;
        long malformed = 0;
        long lastArrival = start;
        boolean converged = true;
        Histogram latency = new Histogram(3);
        for (DocLoad doc : docs) {
            for (DocLoad.Writer writer : doc.writers()) {
                sent += writer.chain().sent();
                closed += writer.client().isOpen() ? 0 : 1;
                malformed += writer.client().malformed();
            }
            for (DocLoad.Reader reader : doc.readers()) {
                closed += reader.client().isOpen() ? 0 : 1;
                malformed += reader.client().malformed();
                latency.add(reader.text().latency());
                lastArrival = Math.max(lastArrival, reader.text().lastArrivalNanos());
                for (DocLoad.Writer writer : doc.writers()) {
                    ChainCopy copy = reader.text().copyOf(writer.chain());
                    int count = writer.chain().sent();
                    expected += count;
                    delivered += count - copy.missingOf(count);
                    lost += copy.missingOf(count);
                    duplicates += copy.duplicates();
                    converged &= copy.text().equals(writer.chain().text());
                }
            }
        }
        double writeSeconds = (writeEnd - start) / 1e9;
        double deliverySeconds = (Math.max(writeEnd, drained ? lastArrival : drainEnd) - start) / 1e9;
        return new Outcome(sent, expected, delivered, lost, duplicates, converged, closed, latency,
                writeSeconds, deliverySeconds, drained, cpuPercent, malformed, serverCpu);
    }
}
