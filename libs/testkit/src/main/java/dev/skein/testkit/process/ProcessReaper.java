package dev.skein.testkit.process;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends every child process that is still alive when the JVM shuts down normally (end of main,
 * System.exit, SIGTERM, Ctrl-C). A parent killed with SIGKILL runs no hook; for that case the
 * {@link ParentWatchdog} inside each child takes over.
 *
 * <p>Children are stopped newest first, each one before the next is signalled: what was started
 * later may depend on what was started earlier (a service on its Kafka broker), and its graceful
 * stop needs that still running. Signalling all at once let a broker go while the services were
 * still flushing to it, and they spent their whole grace period on it. The grace periods add up
 * instead of overlapping; a child that stops promptly takes little of its own.
 */
final class ProcessReaper {

    private static final AtomicLong STARTS = new AtomicLong();
    /** Live children and the order they were started in. */
    private static final Map<ChildProcess, Long> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "skein-process-reaper"));
    }

    private ProcessReaper() {
    }

    /** Tracks {@code child} until it exits. */
    static void track(ChildProcess child) {
        LIVE.put(child, STARTS.incrementAndGet());
        child.onExit().thenRun(() -> LIVE.remove(child));
    }

    /** The live children, the most recently started first: the order they are stopped in. */
    private static List<ChildProcess> stopOrder() {
        return LIVE.entrySet().stream()
                .sorted(Map.Entry.<ChildProcess, Long>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static void reapAll() {
        for (ChildProcess child : stopOrder()) {
            child.requestStop();
            child.awaitExitOrKill(child.shutdownGrace());
        }
    }
}
