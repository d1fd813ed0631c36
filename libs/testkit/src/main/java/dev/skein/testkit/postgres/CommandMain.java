package dev.skein.testkit.postgres;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a native command line inside a small child JVM, so that the testkit's
 * {@link dev.skein.testkit.process.ChildProcess} machinery (log file, readiness wait, stop of the
 * whole process tree, and the watchdog that ends the child when the parent JVM dies) covers servers
 * that are not Java programs (PostgreSQL) or are started by a script (Keycloak's {@code kc.sh}).
 *
 * <p>This class is copied alone into a directory that becomes the child's classpath
 * ({@link CommandLauncher}), so it must not use any other class of the testkit, nor nested or
 * anonymous classes (lambdas are fine).
 */
public final class CommandMain {

    private static final long STOP_GRACE_SECONDS = 10;

    private CommandMain() {
    }

    /** Starts the command and exits with its status; ending this JVM stops the command first. */
    public static void main(String[] args) throws Exception {
        Process command = new ProcessBuilder(List.of(args))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                // This JVM's own standard input is the watchdog's lifeline.
                .redirectInput(new File("/dev/null"))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(command), "command-stop"));
        System.exit(command.waitFor());
    }

    private static void stop(Process command) {
        if (!command.isAlive()) {
            return;
        }
        // Descendants first: a script (kc.sh) or runuser would otherwise leave its child running.
        command.descendants().forEach(ProcessHandle::destroy);
        command.destroy();
        try {
            if (!command.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                command.descendants().forEach(ProcessHandle::destroyForcibly);
                command.destroyForcibly();
            }
        } catch (InterruptedException e) {
            command.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
