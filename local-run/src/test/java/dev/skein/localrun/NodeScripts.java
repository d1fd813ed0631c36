package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of browser-test/ and checks what they need first. A missing piece fails
 * the test with the command that installs it: these tests are the only end-to-end proof that a
 * browser can edit through Skein, so they must never pass by skipping.
 */
final class NodeScripts {

    private NodeScripts() {
    }

    /** Node and browser-test's npm packages; fails with the install step if either is missing. */
    static void requireNodePackages() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                fail("`node --version` failed; install Node.js 20 or newer");
            }
        } catch (IOException e) {
            fail("Node.js is not installed (no `node` on the PATH); install Node.js 20 or newer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted", e);
        }
        Path dir = TestSettings.browserTestDir();
        for (String module : List.of("playwright-core", "yjs", "y-websocket", "ws")) {
            if (!Files.isDirectory(dir.resolve("node_modules").resolve(module))) {
                fail("browser-test's npm packages are missing (" + dir.resolve("node_modules").resolve(module)
                        + "); run `npm ci` in " + dir + " (the local-run Maven build does it before the"
                        + " integration tests unless tests are skipped)");
            }
        }
    }

    /** Debian's Chromium; fails with the install step if it is missing. */
    static void requireChromium() {
        Path chromium = TestSettings.chromium();
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is not installed at " + chromium
                    + "; install it with `apt-get update && apt-get install -y chromium`"
                    + " (never `npx playwright install`: its download servers are unreachable here)");
        }
    }

    /**
     * Runs {@code node script args...} in browser-test/ and returns its output; fails with the
     * output if the script exits non-zero or runs longer than {@code timeout}.
     */
    static String run(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("skein-node-", ".log");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(TestSettings.browserTestDir().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!exited) {
                    process.destroyForcibly().waitFor();
                }
                String text = Files.readString(output);
                if (!exited) {
                    fail(script + " did not finish within " + timeout + ":" + System.lineSeparator() + text);
                }
                if (process.exitValue() != 0) {
                    fail(script + " failed with status " + process.exitValue() + ":" + System.lineSeparator() + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + script, e);
        }
    }
}
