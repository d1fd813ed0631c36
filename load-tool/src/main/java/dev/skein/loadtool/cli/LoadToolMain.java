package dev.skein.loadtool.cli;

import dev.skein.loadtool.measure.ServerCpu;
import dev.skein.loadtool.protocol.Target;
import dev.skein.loadtool.protocol.WireFormat;
import dev.skein.loadtool.protocol.YWebsocketFormat;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.scenario.BigDocScenario;
import dev.skein.loadtool.scenario.ColdStartScenario;
import dev.skein.loadtool.scenario.DocApiScenario;
import dev.skein.loadtool.scenario.FanoutScenario;
import dev.skein.loadtool.scenario.HistoryScenario;
import dev.skein.loadtool.scenario.IdleScenario;
import dev.skein.loadtool.scenario.RestartScenario;
import dev.skein.loadtool.scenario.RunContext;
import dev.skein.loadtool.scenario.StorageScenario;
import dev.skein.loadtool.scenario.Scenario;
import dev.skein.loadtool.scenario.ThroughputScenario;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load tool's command line: {@code load-tool SCENARIO --url ... [options]}. The JSON result
 * line goes to standard output (the only thing there, for scripts); the summary and errors go to
 * standard error.
 */
public final class LoadToolMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECKS_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_COULD_NOT_RUN = 3;

    private LoadToolMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs one scenario; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            err.println(Usage.text());
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        String name = args.get(0);
        Scenario scenario;
        RunContext context = null;
        try {
            Arguments options = Arguments.parse(args.subList(1, args.size()));
            scenario = scenario(name, options);
            context = context(options);
            options.requireAllUsed();
        } catch (UsageException | IllegalArgumentException e) {
            if (context != null) {
                context.close();
            }
            err.println("load-tool: " + e.getMessage());
            err.println(Usage.text());
            return EXIT_USAGE;
        }
        RunContext running = context;
        try {
            Result result = scenario.run(running);
            out.println(result.toJson());
            out.flush();
            result.summary().forEach(err::println);
            return Boolean.TRUE.equals(result.get("ok")) ? EXIT_OK : EXIT_CHECKS_FAILED;
        } catch (Exception e) {
            Result failure = new Result(name).put("ok", false).put("error", String.valueOf(e.getMessage()));
            running.describe(failure);
            out.println(failure.toJson());
            out.flush();
            err.println("load-tool: " + name + " could not run: " + e.getMessage());
            return EXIT_COULD_NOT_RUN;
        } finally {
            running.close();
        }
    }

    private static Scenario scenario(String name, Arguments options) {
        return switch (name) {
            case FanoutScenario.NAME -> new FanoutScenario(options);
            case ColdStartScenario.NAME -> new ColdStartScenario(options);
            case ThroughputScenario.NAME -> new ThroughputScenario(options);
            case BigDocScenario.NAME -> new BigDocScenario(options);
            case IdleScenario.NAME -> new IdleScenario(options);
            case RestartScenario.NAME -> new RestartScenario(options);
            case StorageScenario.NAME -> new StorageScenario(options);
            case HistoryScenario.NAME -> new HistoryScenario(options);
            case DocApiScenario.NAME -> new DocApiScenario(options);
            default -> throw new UsageException("unknown scenario '" + name + "'");
        };
    }

    private static RunContext context(Arguments options) {
        WireFormat format = WireFormat.named(options.string("protocol").orElse(YWebsocketFormat.NAME));
        Target target = new Target(options.required("url"), options.string("token"), format);
        Target readers = options.string("reader-url").map(url -> new Target(url, options.string("token"), format))
                .orElse(target);
        boolean compression = !options.flag("no-compression");
        ServerCpu serverCpu = ServerCpu.parse(options.all("cpu-pid"));
        long seed = options.string("seed").map(Long::parseLong).orElseGet(() -> ThreadLocalRandom.current().nextLong());
        String prefix = options.string("doc-prefix")
                .orElseGet(() -> String.format(Locale.ROOT, "load-%08x-", ThreadLocalRandom.current().nextInt()));
        int ioThreads = options.integer("io-threads", Math.max(2, Runtime.getRuntime().availableProcessors()), 1);
        return new RunContext(target, readers, compression, serverCpu, ioThreads,
                options.seconds("connect-timeout", 10, 0.1), prefix, seed);
    }
}
