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
import org.HdrHistogram.Histogram;

/**
 * Fanout right after a server started, with no warm-up: what the first users of a restarted
 * service get. The load runs without a break for {@code --duration} (60 s) and the latency is
 * reported per {@code --window} (10 s), by the time updates arrived. With {@code --ready-at-ms}
 * (the epoch milliseconds of the server's ready line) each window says how long after the ready
 * line it began.
 */
public final class ColdStartScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "coldstart";

    private final int readers;
    private final double rate;
    private final Duration duration;
    private final Duration window;
    private final Duration drainTimeout;
    private final int connectConcurrency;
    private final long readyAtMillis;

    /**
     * Reads {@code --clients} (50), {@code --rate} (200/s), {@code --duration} (60 s),
     * {@code --window} (10 s), {@code --drain-timeout} (10 s), {@code --ready-at-ms}.
     */
    public ColdStartScenario(Arguments args) {
        this.readers = args.integer("clients", 50, 1);
        this.rate = args.positive("rate", 200);
        this.duration = args.seconds("duration", 60, 0.1);
        this.window = args.seconds("window", 10, 0.1);
        this.drainTimeout = args.seconds("drain-timeout", 10, 0);
        this.connectConcurrency = args.integer("connect-concurrency", 50, 1);
        this.readyAtMillis = args.string("ready-at-ms").map(Long::parseLong).orElse(-1L);
    }

    @Override
    public Result run(RunContext context) {
        int capacity = (int) Math.ceil(rate * duration.toNanos() / 1e9) + 1;
        ClientGroup group = new ClientGroup();
        DocLoad doc = new DocLoad(context, context.doc(NAME), 1, readers, capacity, group);
        try {
            group.connectAndSync(context.connector(), connectConcurrency, context.connectTimeout().multipliedBy(4));
            context.pacer().resetLag();
            List<Map<String, Object>> windows = new ArrayList<>();
            Histogram before = new Histogram(3);
            long left = duration.toNanos();
            DeliveryRun.Outcome outcome = null;
            while (left > 0) {
                Duration slice = Duration.ofNanos(Math.min(left, window.toNanos()));
                left -= slice.toNanos();
                long startMillis = System.currentTimeMillis();
                outcome = DeliveryRun.run(context, List.of(doc), rate, slice, left > 0 ? Duration.ZERO : drainTimeout);
                Histogram sofar = outcome.latency();
                Histogram inWindow = sofar.copy();
                inWindow.subtract(before);
                before = sofar;
                Map<String, Object> row = new LinkedHashMap<>();
                if (readyAtMillis > 0) {
                    row.put("from_s_after_ready", LatencySummary.round((startMillis - readyAtMillis) / 1000.0));
                }
                row.put("latency", LatencySummary.of(inWindow));
                windows.add(row);
            }
            return report(context, outcome, windows);
        } finally {
            group.closeAll();
        }
    }

    private Result report(RunContext context, DeliveryRun.Outcome outcome, List<Map<String, Object>> windows) {
        boolean ok = outcome.lost() == 0 && outcome.duplicates() == 0 && outcome.converged()
                && outcome.closedClients() == 0 && outcome.malformedFrames() == 0;
        Result result = new Result(NAME).put("ok", ok);
        result.put("readers", readers);
        result.put("rate_per_s", rate);
        result.put("duration_s", duration.toMillis() / 1000.0);
        result.put("window_s", window.toMillis() / 1000.0);
        result.put("deliveries", outcome.delivered());
        result.put("lost", outcome.lost());
        result.put("duplicates", outcome.duplicates());
        result.put("converged", outcome.converged());
        result.put("windows", windows);
        result.put("latency", LatencySummary.of(outcome.latency()));
        result.line(String.format(Locale.ROOT, "coldstart: 1 writer at %.0f/s to %d readers, %d windows of %.0f s",
                rate, readers, windows.size(), window.toMillis() / 1000.0));
        for (Map<String, Object> row : windows) {
            result.line("  " + (row.containsKey("from_s_after_ready") ? "from " + row.get("from_s_after_ready") + " s after ready: " : "")
                    + row.get("latency"));
        }
        result.line(String.format(Locale.ROOT, "lost %d, duplicated %d, converged %s -> %s",
                outcome.lost(), outcome.duplicates(), outcome.converged(), ok ? "OK" : "FAILED"));
        context.describe(result);
        return result;
    }
}
