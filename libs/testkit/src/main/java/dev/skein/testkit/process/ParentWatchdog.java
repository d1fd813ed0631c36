package dev.skein.testkit.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent that {@link ChildProcess} loads into every child JVM so that the child ends when
 * its parent JVM is gone, even when the parent was killed with SIGKILL and its shutdown hooks
 * never ran.
 *
 * <p>The parent keeps the write end of the child's standard input open and never writes to it.
 * When the parent process dies the operating system closes that end, the child reads end of
 * file, and this agent exits the child: gracefully first (shutdown hooks run), then at once if
 * that takes longer than the grace period given as the agent argument (milliseconds).
 *
 * <p>This class is copied alone into a small agent jar, so it must not use any other class of
 * the testkit, nor nested or anonymous classes (lambdas are fine: they need no class file).
 */
public final class ParentWatchdog {

    /** Exit status of a child whose parent went away. */
    public static final int EXIT_STATUS_PARENT_GONE = 86;

    private static final long DEFAULT_GRACE_MILLIS = 10_000;

    private ParentWatchdog() {
    }

    /**
     * Agent entry point, called by the JVM before the child's {@code main}.
     *
     * @param agentArgs grace period in milliseconds for a graceful exit, or empty for the default
     */
    public static void premain(String agentArgs) {
        long graceMillis = parseGrace(agentArgs);
        Thread watcher = new Thread(() -> watch(System.in, graceMillis), "skein-parent-watchdog");
        // A daemon thread: the watchdog must never be what keeps the child alive.
        watcher.setDaemon(true);
        watcher.start();
    }

    private static long parseGrace(String agentArgs) {
        if (agentArgs == null || agentArgs.isBlank()) {
            return DEFAULT_GRACE_MILLIS;
        }
        return Long.parseLong(agentArgs.trim());
    }

    private static void watch(InputStream lifeline, long graceMillis) {
        byte[] discard = new byte[64];
        try {
            while (lifeline.read(discard) >= 0) {
                // The parent never writes; anything that arrives is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
        exit(graceMillis);
    }

    private static void exit(long graceMillis) {
        if (graceMillis > 0) {
            // System.exit blocks while shutdown hooks run, so it runs on its own thread and this
            // one enforces the deadline.
            Thread exiter = new Thread(() -> System.exit(EXIT_STATUS_PARENT_GONE), "skein-parent-gone");
            exiter.setDaemon(true);
            exiter.start();
            try {
                exiter.join(graceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime.getRuntime().halt(EXIT_STATUS_PARENT_GONE);
    }
}
