package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.report.Result;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One document, N reading clients, one writer at a fixed rate: how long each update takes to
 * reach every reader, whether any is lost or delivered twice, and whether every reader ends
 * with the writer's text.
 */
public final class FanoutScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "fanout";

    private final int readers;
    private final double rate;
    private final Duration duration;
    private final Duration drainTimeout;
    private final int connectConcurrency;
    private final boolean burst;
    private final Duration leadIn;

    /**
     * Reads {@code --clients} (50), {@code --rate} (200/s), {@code --duration} (10 s),
     * {@code --drain-timeout} (10 s), {@code --burst} (one more client writing as fast as it can
     * into another document on the writer's server while the readers are measured) and
     * {@code --lead-in} (2 s: the writer writes at the rate before the measured period, so that the
     * load tool's own readers are compiled and at speed; a burst starts only after it).
     */
    public FanoutScenario(Arguments args) {
        this.readers = args.integer("clients", 50, 1);
        this.rate = args.positive("rate", 200);
        this.duration = args.seconds("duration", 10, 0.1);
        this.drainTimeout = args.seconds("drain-timeout", 10, 0);
        this.connectConcurrency = args.integer("connect-concurrency", 50, 1);
        this.burst = args.flag("burst");
        this.leadIn = args.seconds("lead-in", 2, 0);
    }

    @Override
    public Result run(RunContext context) {
        int capacity = (int) Math.ceil(rate * (duration.toNanos() + leadIn.toNanos()) / 1e9) + 1;
        ClientGroup group = new ClientGroup();
        DocLoad doc = new DocLoad(context, context.doc(NAME), 1, readers, capacity, group);
        Burster burster = burst ? new Burster(context) : null;
        try {
            group.connectAndSync(context.connector(), connectConcurrency, context.connectTimeout().multipliedBy(4));
            DeliveryRun.Outcome warm = null;
            if (!leadIn.isZero()) {
                // the load tool's first thousands of deliveries run interpreted and compile on the
                // cores the servers share: unmeasured, or every server's p99 is the tool's start-up
                warm = DeliveryRun.run(context, List.of(doc), rate, leadIn, drainTimeout);
            }
            if (burster != null) {
                burster.start(context);
            }
            context.pacer().resetLag();
            DeliveryRun.Outcome outcome = DeliveryRun.run(context, List.of(doc), rate, duration, drainTimeout);
            if (warm != null) {
                outcome = outcome.after(warm);
            }
            if (burster != null) {
                burster.stop();
            }
            return report(context, outcome, burster);
        } finally {
            if (burster != null) {
                burster.close();
            }
            group.closeAll();
        }
    }

    private Result report(RunContext context, DeliveryRun.Outcome outcome, Burster burster) {
        boolean ok = outcome.lost() == 0 && outcome.duplicates() == 0 && outcome.converged()
                && outcome.closedClients() == 0 && outcome.malformedFrames() == 0;
        Result result = new Result(NAME).put("ok", ok);
        result.put("readers", readers);
        result.put("rate_per_s", rate);
        result.put("duration_s", duration.toMillis() / 1000.0);
        result.put("lead_in_s", leadIn.toMillis() / 1000.0);
        result.put("updates_sent", outcome.sent());
        result.put("deliveries_expected", outcome.expectedDeliveries());
        result.put("deliveries", outcome.delivered());
        result.put("lost", outcome.lost());
        result.put("duplicates", outcome.duplicates());
        result.put("converged", outcome.converged());
        result.put("clients_closed", outcome.closedClients());
        result.put("malformed_frames", outcome.malformedFrames());
        result.put("latency", LatencySummary.of(outcome.latency()));
        result.put("generator_cpu_pct_of_one_core_while_measuring", LatencySummary.round(outcome.generatorCpuPercent()));
        result.line(String.format(Locale.ROOT, "fanout: 1 writer at %.0f/s for %.1f s to %d readers: %d updates, %d of %d deliveries",
                rate, outcome.writeSeconds(), readers, outcome.sent(), outcome.delivered(), outcome.expectedDeliveries()));
        result.line("latency: " + LatencySummary.line(outcome.latency()));
        result.line(String.format(Locale.ROOT, "generator CPU while measuring: %.1f%% of one core", outcome.generatorCpuPercent()));
        result.line(String.format(Locale.ROOT, "lost %d, duplicated %d, converged %s, clients closed %d -> %s",
                outcome.lost(), outcome.duplicates(), outcome.converged(), outcome.closedClients(), ok ? "OK" : "FAILED"));
        if (burster != null) {
            result.put("burst", java.util.Map.of("updates_handed_to_socket", burster.sent(),
                    "per_s", LatencySummary.round(burster.deliveredPerSecond()), "still_open", burster.open()));
            result.line(String.format(Locale.ROOT, "burst: another client wrote as fast as the server read: %.0f updates/s reached its document's reader"
                    + " (%d handed to its socket), open at the end: %s", burster.deliveredPerSecond(), burster.sent(), burster.open()));
        }
        DeliveryRun.reportServerCpu(result, outcome);
        context.describe(result);
        return result;
    }
}
