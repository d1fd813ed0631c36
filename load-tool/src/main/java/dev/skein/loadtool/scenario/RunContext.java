package dev.skein.loadtool.scenario;

import dev.skein.loadtool.measure.CpuClock;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.measure.ServerCpu;
import dev.skein.loadtool.net.Connector;
import dev.skein.loadtool.pacing.Pacer;
import dev.skein.loadtool.protocol.Target;
import dev.skein.loadtool.report.Result;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What every scenario shares: the target, the connection spreader, the pacer, fresh names and
 * client ids, and the generator's CPU clock.
 */
public final class RunContext implements AutoCloseable {

    private final Target target;
    private final Target readerTarget;
    private final ServerCpu serverCpu;
    private final Connector connector;
    private final Pacer pacer;
    private final String docPrefix;
    private final Duration connectTimeout;
    private final int ioThreads;
    private final SplittableRandom random;
    private final CpuClock cpu = CpuClock.start();

    /**
     * @param docPrefix start of every document name, unique per run so that runs against a
     *     long-lived server never share a document
     */
    public RunContext(Target target, int ioThreads, Duration connectTimeout, String docPrefix, long seed) {
        this(target, target, true, ServerCpu.parse(java.util.List.of()), ioThreads, connectTimeout, docPrefix, seed);
    }

    /**
     * @param readerTarget where reading clients connect (another gateway: the path through Kafka)
     * @param compression whether clients offer permessage-deflate as browsers do
     * @param serverCpu the server's processes whose CPU time results report
     */
    public RunContext(Target target, Target readerTarget, boolean compression, ServerCpu serverCpu, int ioThreads,
            Duration connectTimeout, String docPrefix, long seed) {
        this.target = target;
        this.readerTarget = readerTarget;
        this.serverCpu = serverCpu;
        this.ioThreads = ioThreads;
        this.connector = new Connector(ioThreads, connectTimeout, compression);
        this.pacer = new Pacer(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.docPrefix = docPrefix;
        this.connectTimeout = connectTimeout;
        this.random = new SplittableRandom(seed);
    }

    public Target target() {
        return target;
    }

    /** Where reading clients connect: the writers' server unless {@code --reader-url} names another. */
    public Target readerTarget() {
        return readerTarget;
    }

    /** The server processes whose CPU time is measured ({@code --cpu-pid}). */
    public ServerCpu serverCpu() {
        return serverCpu;
    }

    public Connector connector() {
        return connector;
    }

    public Pacer pacer() {
        return pacer;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A document name unique to this run. */
    public String doc(String name) {
        return docPrefix + name;
    }

    /** A fresh Yjs client id (Yjs draws 32-bit ones; 31 bits keep them positive everywhere). */
    public synchronized long clientId() {
        return random.nextInt(1, Integer.MAX_VALUE);
    }

    /** Adds the target and the generator's own cost to {@code result}. */
    public void describe(Result result) {
        result.put("protocol", target.format().name());
        result.put("url", target.urlTemplate());
        if (!readerTarget.equals(target)) {
            result.put("reader_url", readerTarget.urlTemplate());
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("offers_permessage_deflate", connector.offersCompression());
        client.put("connections", connector.openedConnections());
        client.put("connections_with_permessage_deflate", connector.deflatingConnections());
        result.put("client", client);
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("cpu_s", LatencySummary.round(cpu.cpuSeconds()));
        generator.put("wall_s", LatencySummary.round(cpu.wallSeconds()));
        generator.put("cpu_pct_of_one_core", LatencySummary.round(cpu.percentOfOneCore()));
        generator.put("cores", Runtime.getRuntime().availableProcessors());
        generator.put("io_threads", ioThreads);
        generator.put("pacing_lag", LatencySummary.of(pacer.lag()));
        result.put("generator", generator);
        result.line(String.format(java.util.Locale.ROOT,
                "generator: %.2f s CPU over %.1f s (%.1f%% of one core of %d), pacing lag %s",
                cpu.cpuSeconds(), cpu.wallSeconds(), cpu.percentOfOneCore(), Runtime.getRuntime().availableProcessors(),
                LatencySummary.line(pacer.lag())));
    }

    @Override
    public void close() {
        pacer.close();
        connector.close();
    }
}
