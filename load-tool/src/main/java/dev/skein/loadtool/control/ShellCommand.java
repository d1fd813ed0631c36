package dev.skein.loadtool.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run with {@code bash -c}, waited for with a bound. Its output goes to a file (never
 * to the tool's standard output, which carries the JSON result), quoted when the command fails.
 * Processes the command leaves running in the background keep running: that is how a restart
 * command starts a server.
 */
public final class ShellCommand {

    private static final int TAIL_LINES = 20;

    private ShellCommand() {
    }

    /**
     * Runs {@code command} and waits for it to exit.
     *
     * @throws IllegalStateException if it fails, exits non-zero or outlives {@code timeout}
     */
    public static void run(String command, Duration timeout) {
        Path log;
        try {
            log = Files.createTempFile("load-tool-command-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a log file for: " + command, e);
        }
        try {
            Process process = new ProcessBuilder("bash", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + command + "' did not finish within " + timeout.toSeconds() + " s"
                        + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + command + "' exited with status " + process.exitValue() + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + command + "'", e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return System.lineSeparator() + String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
