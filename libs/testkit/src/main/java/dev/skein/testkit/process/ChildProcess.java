package dev.skein.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM running a server: started with its own classpath (or an executable jar), its output
 * appended to a log file, waited for until it is ready, and ended with its whole process tree.
 *
 * <p>A child never outlives the JVM that started it: a shutdown hook ends it when the parent
 * exits normally, and a watchdog agent in the child ({@link ParentWatchdog}) ends it when the
 * parent was killed outright. The child's standard input is reserved for that watchdog.
 *
 * <pre>{@code
 * ChildProcess broker = ChildProcess.java("kafka")
 *         .classpath(entries)
 *         .mainClass("kafka.Kafka")
 *         .jvmArgs("-Xmx512m")
 *         .args("server.properties")
 *         .logFile(dir.resolve("broker.log"))
 *         .start();
 * broker.awaitReady(Duration.ofSeconds(60), () -> portAnswers());
 * broker.stop(Duration.ofSeconds(30));
 * }</pre>
 */
public final class ChildProcess {

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

    /** How often readiness is probed; the wait between probes ends early if the child exits. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    /** How long a SIGKILLed process may take to be reaped by the kernel. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    /** Lines of the log quoted in error messages. */
    private static final int ERROR_LOG_LINES = 40;

    /** Bytes read from the end of the log to find its last lines. */
    private static final int TAIL_WINDOW_BYTES = 64 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration shutdownGrace;
    private final Set<ProcessHandle> signalled = ConcurrentHashMap.newKeySet();

    /**
     * Write end of the child's standard input. Never written and never closed while the child
     * lives: its closing is the watchdog's signal that the parent is gone. Holding it in a field
     * also keeps it from being closed by the garbage collector.
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final OutputStream lifeline;

    private ChildProcess(String name, Process process, Path logFile, Duration shutdownGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownGrace = shutdownGrace;
        this.lifeline = process.getOutputStream();
    }

    /** Starts describing a child JVM; {@code name} appears in logs and error messages. */
    public static Builder java(String name) {
        return new Builder(name);
    }

    /** The name given to {@link #java(String)}. */
    public String name() {
        return name;
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file the child's standard output and standard error are appended to. */
    public Path logFile() {
        return logFile;
    }

    /** The exit status, or empty while the process runs. */
    public OptionalInt exitStatus() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes when the process has exited. */
    public CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(ignored -> this);
    }

    /**
     * Waits until {@code probe} says the child is ready.
     *
     * @throws ChildProcessException if the child exits first or is not ready within
     *     {@code timeout}; the message quotes the end of its log
     */
    public void awaitReady(Duration timeout, ReadinessProbe probe) {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw failure(name + " exited with status " + process.exitValue() + " before it was ready", null);
            }
            try {
                if (probe.isReady()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChildProcessException("Interrupted while waiting for " + name, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure(name + " was not ready within " + timeout
                        + (lastFailure == null ? "" : " (last probe: " + lastFailure + ")"), lastFailure);
            }
            // Waiting for the exit doubles as the pause between probes and notices a crash at once.
            waitForExit(PROBE_INTERVAL);
        }
    }

    /**
     * Waits until the child exits by itself, e.g. a command-line tool.
     *
     * @return the exit status
     * @throws ChildProcessException if it is still running after {@code timeout} (it is then killed)
     */
    public int awaitExit(Duration timeout) {
        if (!waitForExit(timeout)) {
            kill();
            throw failure(name + " did not finish within " + timeout + " and was killed", null);
        }
        return process.exitValue();
    }

    /**
     * Waits until a command-line tool finishes and checks that it succeeded.
     *
     * @throws ChildProcessException if it exits with a status other than 0, quoting its log, or
     *     does not finish within {@code timeout}
     */
    public void awaitSuccess(Duration timeout) {
        int status = awaitExit(timeout);
        if (status != 0) {
            throw failure(name + " failed with status " + status, null);
        }
    }

    /**
     * Stops the child gracefully: SIGTERM to the process and its descendants (so its shutdown
     * hooks run), then SIGKILL to whatever is left after {@code grace}.
     *
     * @return the exit status
     */
    public int stop(Duration grace) {
        signal(true);
        return awaitExitOrKill(grace);
    }

    /**
     * Kills the child and its descendants at once (SIGKILL), as a crash or an OOM killer would.
     *
     * @return the exit status
     */
    public int kill() {
        Set<ProcessHandle> tree = tree();
        tree.addAll(signalled);
        killAll(tree);
        return process.exitValue();
    }

    /** The last {@code maxLines} lines of the log, for error messages. */
    public String logTail(int maxLines) {
        return LogTail.read(logFile, maxLines, TAIL_WINDOW_BYTES);
    }

    /** Grace period this child gets when the parent JVM shuts down. */
    Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** First step of the stop at JVM exit: SIGTERM, or SIGKILL when the shutdown grace is zero. */
    void requestStop() {
        signal(!shutdownGrace.isZero());
    }

    /** SIGTERM ({@code graceful}) or SIGKILL to the process and its descendants. */
    private void signal(boolean graceful) {
        Set<ProcessHandle> tree = tree();
        signalled.addAll(tree);
        for (ProcessHandle handle : tree) {
            if (graceful) {
                handle.destroy();
            } else {
                handle.destroyForcibly();
            }
        }
    }

    /** Waits up to {@code grace} for the exit, then kills what is left; returns the exit status. */
    int awaitExitOrKill(Duration grace) {
        if (!waitForExit(grace)) {
            LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) did not stop within {2}; killing it",
                    name, Long.toString(pid()), grace);
        }
        // Descendants that ignored the signal, or were orphaned by the root's exit, die too.
        return kill();
    }

    private Set<ProcessHandle> tree() {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        // Descendants first: once the root is gone they are re-parented and can no longer be found.
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    private void killAll(Collection<ProcessHandle> handles) {
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        if (!waitForExit(KILL_TIMEOUT)) {
            throw failure(name + " (pid " + pid() + ") survived SIGKILL for " + KILL_TIMEOUT, null);
        }
    }

    /** Waits up to {@code timeout} for the exit; {@code true} if the process has exited. */
    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessException("Interrupted while waiting for " + name + " to exit", e);
        }
    }

    private ChildProcessException failure(String message, Throwable cause) {
        String text = message + System.lineSeparator()
                + "--- last lines of " + logFile + " ---" + System.lineSeparator()
                + logTail(ERROR_LOG_LINES);
        return cause == null ? new ChildProcessException(text) : new ChildProcessException(text, cause);
    }

    /** Describes a child JVM; {@link #start()} launches it. */
    public static final class Builder {

        private final String name;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private String classpath;
        private String mainClass;
        private Path jar;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private Path logFile;
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The JDK to run; by default the one running this JVM. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /** The child's classpath, as files and directories. */
        public Builder classpath(Collection<Path> entries) {
            this.classpath = entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
            return this;
        }

        /** The child's classpath, already joined with the platform's path separator. */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** The class whose {@code main} to run (with {@link #classpath}); excludes {@link #jar}. */
        public Builder mainClass(String mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
            return this;
        }

        /** An executable jar to run ({@code java -jar}), e.g. a Quarkus {@code quarkus-run.jar}. */
        public Builder jar(Path jar) {
            this.jar = Objects.requireNonNull(jar, "jar");
            return this;
        }

        /** Options for the JVM, such as {@code -Xmx512m} or {@code -Dkey=value}. */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /** Arguments for the program. */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        /** Sets an environment variable; the rest of the parent's environment is inherited. */
        public Builder env(String name, String value) {
            this.environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Working directory of the child; by default the parent's. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
            return this;
        }

        /** File that standard output and standard error are appended to (required). */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile");
            return this;
        }

        /**
         * How long the child may take to shut down gracefully when the parent JVM exits or dies
         * (default 10 s); {@link Duration#ZERO} kills it at once, for throw-away servers.
         */
        public Builder shutdownGrace(Duration shutdownGrace) {
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /**
         * Launches the child. It is not waited for; use {@link ChildProcess#awaitReady} or
         * {@link ChildProcess#awaitExit}.
         *
         * @throws ChildProcessException if the process cannot be created
         */
        public ChildProcess start() {
            List<String> command = command();
            if (logFile == null) {
                throw new IllegalStateException("logFile is required for " + name);
            }
            appendHeader(command);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ChildProcessException("Could not start " + name + ": " + String.join(" ", command), e);
            }
            ChildProcess child = new ChildProcess(name, process, logFile, shutdownGrace);
            ProcessReaper.track(child);
            LOG.log(System.Logger.Level.INFO, "Started {0} (pid {1}), log {2}", name, Long.toString(child.pid()), logFile);
            return child;
        }

        private List<String> command() {
            if ((mainClass == null) == (jar == null)) {
                throw new IllegalStateException("Exactly one of mainClass and jar must be set for " + name);
            }
            if (jar != null && classpath != null) {
                throw new IllegalStateException("java -jar ignores the classpath; set one of jar and classpath for " + name);
            }
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.add("-javaagent:" + WatchdogAgentJar.path() + "=" + shutdownGrace.toMillis());
            command.addAll(jvmArgs);
            if (jar != null) {
                command.add("-jar");
                command.add(jar.toString());
            } else {
                if (classpath != null) {
                    command.add("-cp");
                    command.add(classpath);
                }
                command.add(mainClass);
            }
            command.addAll(args);
            return command;
        }

        private void appendHeader(List<String> command) {
            String header = String.format("%n===== %s: starting %s =====%n%s%n", Instant.now(), name, String.join(" ", command));
            try {
                Path parent = logFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(logFile, header, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write log file " + logFile, e);
            }
        }
    }
}
