package dev.skein.localrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local-run launcher as a separate JVM, started the way run-local.sh starts it (target/classes
 * plus the classpath file the build writes), with standard output and standard error in separate
 * files so that tests can check what each carries.
 */
final class LauncherProcess implements AutoCloseable {

    /** The editor, the first gateway (where the line always started) and the second gateway. */
    static final Pattern READY_LINE = Pattern.compile("Skein ready: editor http://127\\.0\\.0\\.1:(\\d+)/"
            + " gateway ws://127\\.0\\.0\\.1:(\\d+)/ws gateway2 ws://127\\.0\\.0\\.1:(\\d+)/ws"
            + "(?: keycloak http://127\\.0\\.0\\.1:(\\d+) auth http://127\\.0\\.0\\.1:(\\d+))?");

    /** Kafka, Keycloak and every Quarkus service on a busy 2-core machine. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private LauncherProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts the launcher without authentication ({@code --no-auth}) on free ports with
     * {@code dataDir}, plus {@code extraArgs} (later options win).
     *
     * @param outputDir where {@code launcher-N.out} and {@code launcher-N.err} go
     */
    static LauncherProcess start(Path dataDir, Path outputDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--no-auth"));
        args.addAll(List.of(extraArgs));
        return startAsIs(dataDir, outputDir, args.toArray(String[]::new));
    }

    /** As {@link #start}, with authentication on (Keycloak, PostgreSQL, auth-service) as by default. */
    static LauncherProcess startWithAuth(Path dataDir, Path outputDir, String... extraArgs) {
        return startAsIs(dataDir, outputDir, extraArgs);
    }

    private static LauncherProcess startAsIs(Path dataDir, Path outputDir, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", TestSettings.launcherClasspath(),
                LocalRun.class.getName(),
                "--root", TestSettings.repositoryRoot().toString(),
                "--data-dir", dataDir.toString(),
                "--editor-port", "0", "--kafka-port", "0"));
        for (ServiceSpec service : Services.all()) {
            command.add("--" + service.key() + "-port");
            command.add("0");
        }
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(outputDir);
            Path out = Files.createTempFile(outputDir, "launcher-", ".out");
            Path err = Path.of(out.toString().replaceFirst("\\.out$", ".err"));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            return new LauncherProcess(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the launcher", e);
        }
    }

    /** Waits for the ready line; fails early (with the launcher's output) if the launcher exits. */
    ReadyLine awaitReady() {
        awaitReadyLines(1);
        return readyLine().orElseThrow();
    }

    /** Sends SIGTERM to the launcher alone, as Ctrl-C or {@code kill} would; its children are not signalled. */
    void sigterm() {
        process.destroy();
    }

    /** Sends SIGHUP to the launcher alone: it restarts the services and prints its ready line again. */
    void sighup() {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -HUP");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Waits until the ready line has been printed {@code count} times (after restarts); fails early if the launcher exits. */
    void awaitReadyLines(int count) {
        await("ready line " + count + " of the launcher").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .failFast("the launcher exited", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("status " + process.exitValue() + System.lineSeparator() + describe());
                    }
                })
                .until(() -> stdoutLines().stream().filter(line -> READY_LINE.matcher(line).matches()).count() >= count);
    }

    /** Waits for the launcher to exit and returns its status. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The launcher did not exit within " + timeout + System.lineSeparator() + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** The launcher's child processes (and theirs), alive right now. */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Every line of standard output so far. */
    List<String> stdoutLines() {
        return read(stdout).lines().toList();
    }

    /** Standard error so far. */
    String stderr() {
        return read(stderr);
    }

    /** Both outputs, for failure messages. */
    String describe() {
        return "--- stdout ---" + System.lineSeparator() + read(stdout) + System.lineSeparator()
                + "--- stderr ---" + System.lineSeparator() + read(stderr);
    }

    /** Kills whatever is left of the launcher and its children, for clean-up after a failed test. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> handle).join();
        }
    }

    private Optional<ReadyLine> readyLine() {
        return stdoutLines().stream().map(READY_LINE::matcher).filter(Matcher::matches).findFirst()
                .map(m -> new ReadyLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5))));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The ports the ready line announced; Keycloak's and auth-service's are 0 without authentication. */
    record ReadyLine(int editorPort, int gatewayPort, int gateway2Port, int keycloakPort, int authPort) {

        boolean withAuth() {
            return keycloakPort != 0;
        }

        String keycloakUrl() {
            return "http://127.0.0.1:" + keycloakPort;
        }

        String authUrl() {
            return "http://127.0.0.1:" + authPort;
        }

        String editorUrl() {
            return "http://127.0.0.1:" + editorPort + "/";
        }

        String gatewayUrl() {
            return "ws://127.0.0.1:" + gatewayPort + "/ws";
        }

        String gateway2Url() {
            return "ws://127.0.0.1:" + gateway2Port + "/ws";
        }
    }
}
