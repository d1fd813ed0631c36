package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * D documents, each with writers and one reader, every document receiving R updates per second
 * for T seconds: delivered updates per second, latency, loss and convergence. With
 * {@code --saturate}, R is raised step by step (fresh documents each step) until delivery falls
 * behind, and the last rate that kept up is reported.
 *
 * <p>A document's rate is split over {@code ceil(R / writer-cap)} writers so that no single
 * connection exceeds a per-connection message limit a server may enforce (Skein's gateway
 * closes connections above 200 messages/s by default): the measurement is of the server's
 * throughput, not of its rate limiter.
 */
public final class ThroughputScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "throughput";

    private final int docs;
    private final double rate;
    private final Duration duration;
    private final Duration drainTimeout;
    private final double writerCap;
    private final boolean saturate;
    private final double stepFactor;
    private final int maxSteps;
    private final Duration stepDuration;
    private final double behindP99Ms;
    private final int connectConcurrency;

    /** Reads the options (see {@code load-tool --help}). */
    public ThroughputScenario(Arguments args) {
        this.docs = args.integer("docs", 100, 1);
        this.rate = args.positive("rate", 100);
        this.duration = args.seconds("duration", 10, 0.1);
        this.drainTimeout = args.seconds("drain-timeout", 10, 0);
        this.writerCap = args.positive("writer-cap", 150);
        this.saturate = args.flag("saturate");
        this.stepFactor = args.positive("step-factor", 1.5);
        this.maxSteps = args.integer("max-steps", 8, 1);
        this.stepDuration = args.seconds("step-duration", 5, 0.1);
        this.behindP99Ms = args.positive("behind-p99-ms", 1000);
        this.connectConcurrency = args.integer("connect-concurrency", 50, 1);
        if (stepFactor <= 1) {
            throw new dev.skein.loadtool.cli.UsageException("--step-factor must be above 1");
        }
    }

    @Override
    public Result run(RunContext context) {
        context.pacer().resetLag();
        Step base = runStep(context, 0, rate, duration);
        Result result = new Result(NAME).put("ok", base.ok());
        result.put("docs", docs);
        result.put("rate_per_doc_per_s", rate);
        result.put("duration_s", duration.toMillis() / 1000.0);
        base.fields().forEach(result::put);
        result.line(String.format(Locale.ROOT, "throughput: %d docs x %.0f/s for %.1f s: %d sent, %d delivered (%.0f/s offered, %.0f/s delivered)",
                docs, rate, base.outcome().writeSeconds(), base.outcome().sent(), base.outcome().delivered(),
                docs * rate, base.outcome().deliveredPerSecond()));
        result.line("latency: " + LatencySummary.line(base.outcome().latency()));
        result.line(String.format(Locale.ROOT, "generator CPU while measuring: %.1f%% of one core", base.outcome().generatorCpuPercent()));
        result.line(String.format(Locale.ROOT, "lost %d, duplicated %d, converged %s, clients closed %d -> %s",
                base.outcome().lost(), base.outcome().duplicates(), base.outcome().converged(),
                base.outcome().closedClients(), base.ok() ? "OK" : "FAILED"));
        DeliveryRun.reportServerCpu(result, base.outcome());
        if (saturate) {
            saturate(context, result, base);
        }
        context.describe(result);
        return result;
    }

    private void saturate(RunContext context, Result result, Step base) {
        List<Map<String, Object>> steps = new ArrayList<>();
        double sustained = base.keptUp() ? rate : 0;
        String stopped = base.keptUp() ? "max-steps reached" : base.behindReason();
        double stepRate = rate;
        for (int step = 1; step <= maxSteps && base.keptUp(); step++) {
            stepRate *= stepFactor;
            context.pacer().resetLag();
            Step measured = runStep(context, step, stepRate, stepDuration);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("rate_per_doc_per_s", LatencySummary.round(stepRate));
            fields.putAll(measured.fields());
            fields.put("kept_up", measured.keptUp());
            steps.add(fields);
            result.line(String.format(Locale.ROOT, "  saturate step %d: %.0f/s per doc (%.0f/s offered): %.0f/s delivered, p99 %.1f ms%s",
                    step, stepRate, stepRate * docs, measured.outcome().deliveredPerSecond(),
                    measured.outcome().latency().getValueAtPercentile(99) / 1000.0,
                    measured.keptUp() ? "" : " -> behind: " + measured.behindReason()));
            if (!measured.keptUp()) {
                stopped = measured.behindReason();
                break;
            }
            sustained = stepRate;
        }
        Map<String, Object> saturation = new LinkedHashMap<>();
        saturation.put("sustained_rate_per_doc_per_s", LatencySummary.round(sustained));
        saturation.put("sustained_updates_per_s", LatencySummary.round(sustained * docs));
        saturation.put("stopped_because", stopped);
        saturation.put("steps", steps);
        result.put("saturation", saturation);
        result.line(String.format(Locale.ROOT, "saturation: kept up to %.0f/s per doc (%.0f updates/s in total); stopped: %s",
                sustained, sustained * docs, stopped));
    }

    private Step runStep(RunContext context, int step, double docRate, Duration length) {
        int writersPerDoc = (int) Math.ceil(docRate / writerCap);
        double writerRate = docRate / writersPerDoc;
        int capacity = (int) Math.ceil(writerRate * length.toNanos() / 1e9) + 1;
        ClientGroup group = new ClientGroup();
        List<DocLoad> loads = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            loads.add(new DocLoad(context, context.doc(NAME + "-s" + step + "-" + d), writersPerDoc, 1, capacity, group));
        }
        try {
            group.connectAndSync(context.connector(), connectConcurrency, context.connectTimeout().multipliedBy(4));
            DeliveryRun.Outcome outcome = DeliveryRun.run(context, loads, writerRate, length, drainTimeout);
            return new Step(outcome, writersPerDoc, docRate * docs, behindP99Ms,
                    context.pacer().lag().getValueAtPercentile(99) / 1000.0);
        } finally {
            group.closeAll();
        }
    }

    /** One measured rate. */
    private record Step(DeliveryRun.Outcome outcome, int writersPerDoc, double offeredPerSecond, double behindP99Ms,
            double pacingLagP99Ms) {

        boolean ok() {
            return outcome.lost() == 0 && outcome.duplicates() == 0 && outcome.converged() && outcome.closedClients() == 0
                    && outcome.malformedFrames() == 0;
        }

        boolean keptUp() {
            return behindReason() == null;
        }

        /** Why this rate counts as falling behind, or null if it kept up. */
        String behindReason() {
            double sentPerSecond = outcome.writeSeconds() <= 0 ? 0 : outcome.sent() / outcome.writeSeconds();
            if (sentPerSecond < 0.95 * offeredPerSecond) {
                return String.format(Locale.ROOT, "the generator could not send the offered rate (%.0f/s of %.0f/s)",
                        sentPerSecond, offeredPerSecond);
            }
            if (outcome.closedClients() > 0) {
                return outcome.closedClients() + " connections closed by the server";
            }
            if (outcome.lost() > 0) {
                return outcome.lost() + " updates not delivered within the drain timeout";
            }
            double p99 = outcome.latency().getValueAtPercentile(99) / 1000.0;
            if (p99 > behindP99Ms) {
                return String.format(Locale.ROOT, "latency p99 %.0f ms > %.0f ms", p99, behindP99Ms);
            }
            if (outcome.deliveredPerSecond() < 0.9 * offeredPerSecond) {
                return String.format(Locale.ROOT, "delivered %.0f/s < 90%% of %.0f/s offered",
                        outcome.deliveredPerSecond(), offeredPerSecond);
            }
            return null;
        }

        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("writers_per_doc", writersPerDoc);
            fields.put("offered_per_s", LatencySummary.round(offeredPerSecond));
            fields.put("updates_sent", outcome.sent());
            fields.put("delivered", outcome.delivered());
            fields.put("delivered_per_s", LatencySummary.round(outcome.deliveredPerSecond()));
            fields.put("lost", outcome.lost());
            fields.put("duplicates", outcome.duplicates());
            fields.put("converged", outcome.converged());
            fields.put("clients_closed", outcome.closedClients());
            fields.put("malformed_frames", outcome.malformedFrames());
            fields.put("latency", LatencySummary.of(outcome.latency()));
            fields.put("pacing_lag_p99_ms", LatencySummary.round(pacingLagP99Ms));
            fields.put("generator_cpu_pct_of_one_core_while_measuring", LatencySummary.round(outcome.generatorCpuPercent()));
            return fields;
        }
    }
}
