package dev.skein.testkit.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends every child process that is still alive when the JVM shuts down normally (end of main,
 * System.exit, SIGTERM, Ctrl-C). A parent killed with SIGKILL runs no hook; for that case the
 * {@link ParentWatchdog} inside each child takes over.
 */
final class ProcessReaper {

    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "skein-process-reaper"));
    }

    private ProcessReaper() {
    }

    /** Tracks {@code child} until it exits. */
    static void track(ChildProcess child) {
        LIVE.add(child);
        child.onExit().thenRun(() -> LIVE.remove(child));
    }

    private static void reapAll() {
        List<ChildProcess> children = new ArrayList<>(LIVE);
        // Signal every child first and wait afterwards, so that their grace periods overlap
        // instead of adding up.
        for (ChildProcess child : children) {
            child.requestStop();
        }
        for (ChildProcess child : children) {
            child.awaitExitOrKill(child.shutdownGrace());
        }
    }
}
