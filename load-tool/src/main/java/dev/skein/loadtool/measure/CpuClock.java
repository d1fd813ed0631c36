package dev.skein.loadtool.measure;

import java.lang.management.ManagementFactory;

/**
 * The load generator's own CPU time, so that a report can show the generator was not the
 * bottleneck: read from the JVM's {@code com.sun.management.OperatingSystemMXBean}.
 */
public final class CpuClock {

    private final long startCpuNanos;
    private final long startWallNanos;

    private CpuClock(long startCpuNanos, long startWallNanos) {
        this.startCpuNanos = startCpuNanos;
        this.startWallNanos = startWallNanos;
    }

    /** Starts measuring now. */
    public static CpuClock start() {
        return new CpuClock(processCpuNanos(), System.nanoTime());
    }

    /** CPU seconds used by this process since {@link #start}. */
    public double cpuSeconds() {
        return (processCpuNanos() - startCpuNanos) / 1e9;
    }

    /** Wall-clock seconds since {@link #start}. */
    public double wallSeconds() {
        return (System.nanoTime() - startWallNanos) / 1e9;
    }

    /** CPU time as a share of the wall time of one core (100 = one core busy). */
    public double percentOfOneCore() {
        double wall = wallSeconds();
        return wall <= 0 ? 0 : 100 * cpuSeconds() / wall;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
