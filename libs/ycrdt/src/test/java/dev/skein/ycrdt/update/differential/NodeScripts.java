package dev.skein.ycrdt.update.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the Node scripts under {@code src/test/js} that compute the yjs side.
 *
 * <p>Missing Node or a missing {@code node_modules} is a test failure, never a skip: a skipped
 * differential test looks green while proving nothing. CI runs {@code npm ci} first.
 */
public final class NodeScripts {

    static final String SETUP_HINT =
            "run `npm ci` in libs/ycrdt/src/test/js (CI does this); Node.js 18+ must be on the PATH "
                    + "or given with -Dskein.node=/path/to/node";

    private NodeScripts() {
    }

    /** {@code libs/ycrdt/src/test/js}, found from the module directory Maven runs tests in. */
    public static Path jsDir() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty("skein.ycrdt.js.dir");
        if (explicit != null) {
            candidates.add(Paths.get(explicit));
        }
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            candidates.add(Paths.get(basedir, "src", "test", "js"));
        }
        Path cwd = Paths.get("").toAbsolutePath();
        candidates.add(cwd.resolve("src/test/js"));
        candidates.add(cwd.resolve("libs/ycrdt/src/test/js"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("diff/scenarios.mjs"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return fail("cannot find libs/ycrdt/src/test/js (looked in " + candidates + ")");
    }

    /** {@code libs/ycrdt} */
    public static Path moduleDir() {
        return jsDir().resolve("../../..").normalize();
    }

    /** The repository root, two levels above the module. */
    public static Path repoRoot() {
        return moduleDir().resolve("../..").normalize();
    }

    public static String node() {
        return System.getProperty("skein.node", "node");
    }

    /** Fails the calling test, with the setup hint, unless Node and the pinned yjs are usable. */
    public static void requireNodeAndModules() {
        Path js = jsDir();
        for (String pkg : new String[] {"yjs", "lib0"}) {
            if (!Files.isRegularFile(js.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                fail("differential tests need the npm package '" + pkg + "' in " + js.resolve("node_modules")
                        + ", which is missing: " + SETUP_HINT);
            }
        }
        String version;
        try {
            Process p = new ProcessBuilder(node(), "--version").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("`" + node() + " --version` did not finish: " + SETUP_HINT);
            }
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                fail("`" + node() + " --version` failed (" + version + "): " + SETUP_HINT);
            }
        } catch (IOException e) {
            fail("cannot run Node.js (`" + node() + "`): " + e.getMessage() + "; " + SETUP_HINT);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for Node.js");
            return;
        }
        if (!version.matches("v\\d+\\..*")) {
            fail("unexpected output from `" + node() + " --version`: " + version + "; " + SETUP_HINT);
        }
    }

    /** Starts {@code node <args>} in the js directory, stderr going to {@code stderrLog}. */
    public static Process start(List<String> args, Path stderrLog) {
        List<String> cmd = new ArrayList<>();
        cmd.add(node());
        cmd.addAll(args);
        try {
            Files.createDirectories(stderrLog.getParent());
            return new ProcessBuilder(cmd).directory(jsDir().toFile())
                    .redirectError(stderrLog.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            return fail("cannot start " + cmd + ": " + e.getMessage() + "; " + SETUP_HINT);
        }
    }

    /** Runs {@code node <args>} to completion; fails the test with the script's stderr on error. */
    public static void run(List<String> args, Duration timeout, Path log) {
        Process p = start(args, log);
        try {
            p.getOutputStream().close();
            // stdout is not used by the generating scripts; drain it so the child never blocks
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("node " + args + " did not finish within " + timeout + "; log: " + log);
            }
        } catch (IOException e) {
            fail("reading from node " + args + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            fail("interrupted while running node " + args);
        }
        if (p.exitValue() != 0) {
            fail("node " + args + " exited with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    public static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
