package dev.skein.testkit.s3;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real S3-API server: S3Proxy with its filesystem backend, in a child JVM on 127.0.0.1.
 *
 * <p>It speaks the S3 protocol (signature v2 and v4) to any S3 client, the MinIO SDK included,
 * and keeps objects as files under {@link #dataDir()}{@code /objects}, one directory per bucket.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start(S3Server.Options.defaults())) {
 *     MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
 *             .credentials(s3.accessKey(), s3.secretKey()).build();
 *     ...
 *     s3.kill();      // crash
 *     s3.restart();   // same port, same objects
 * }
 * }</pre>
 *
 * <p>The server dies with the JVM that started it. Without {@link Options#dataDir(Path)} its data
 * lives in a temporary directory that {@link #close()} (or JVM exit) deletes; a given data
 * directory is kept, for the local run.
 */
public final class S3Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3Server.class.getName());

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int PROBE_TIMEOUT_MS = 1_000;

    private final Options options;
    private final Path home;
    private final boolean ownsHome;
    private final int port;
    private final Thread deleteHomeAtExit;
    private volatile ChildProcess process;
    private boolean closed;

    private S3Server(Options options) {
        this.options = options;
        this.ownsHome = options.dataDir().isEmpty();
        this.port = options.port() != 0 ? options.port() : FreePorts.freePort();
        this.home = options.dataDir().map(Directories::ensure).orElseGet(() -> Directories.createTempForThisJvm("skein-s3-"));
        this.deleteHomeAtExit = ownsHome ? new Thread(this::killAndDeleteHome, "skein-s3-cleanup") : null;
        if (deleteHomeAtExit != null) {
            Runtime.getRuntime().addShutdownHook(deleteHomeAtExit);
        }
    }

    /** Starts a server with {@link Options#defaults()}. */
    public static S3Server start() {
        return start(Options.defaults());
    }

    /**
     * Starts a server and waits until it answers HTTP.
     *
     * @throws dev.skein.testkit.process.ChildProcessException if it does not start in time; the
     *     message quotes the end of its log
     * @throws IllegalStateException if the testkit's S3Proxy jar is missing
     */
    public static S3Server start(Options options) {
        S3Server server = new S3Server(Objects.requireNonNull(options, "options"));
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.abandon();
            throw e;
        }
        return server;
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://" + FreePorts.LOOPBACK_HOST + ":" + port;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The access key clients sign with. */
    public String accessKey() {
        return options.accessKey();
    }

    /** The secret key clients sign with. */
    public String secretKey() {
        return options.secretKey();
    }

    /** The server's directory: {@code s3proxy.conf}, {@code objects/} and {@code s3proxy.log}. */
    public Path dataDir() {
        return home;
    }

    /** The directory holding the buckets (one sub-directory each). */
    public Path objectsDir() {
        return home.resolve("objects");
    }

    /** The server's log file. */
    public Path logFile() {
        return home.resolve("s3proxy.log");
    }

    /** Process id of the current (or last) server process. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process runs. */
    public boolean isRunning() {
        ChildProcess current = process;
        return current != null && current.isAlive();
    }

    /** Stops the server gracefully; {@link #restart()} starts it again on the same port and data. */
    public synchronized void stop() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            current.stop(STOP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "S3 server {0} stopped", endpoint());
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
            LOG.log(System.Logger.Level.INFO, "S3 server {0} killed", endpoint());
        }
    }

    /** Stops the server if it runs and starts it again: same port, same objects. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("S3 server " + endpoint() + " is closed");
        }
        stop();
        launch();
    }

    /** Stops the server; a temporary data directory is deleted, a given one is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsHome) {
            Directories.deleteRecursively(home);
            removeShutdownHook();
        }
    }

    private synchronized void launch() {
        long started = System.nanoTime();
        Directories.ensure(objectsDir());
        Path config = home.resolve("s3proxy.conf");
        writeConfig(config);
        ChildProcess child = ChildProcess.java("s3proxy")
            .jar(S3ProxyJar.path())
            .jvmArgs("-Xmx" + options.maxHeap(), "-Djava.awt.headless=true", "-XX:+ExitOnOutOfMemoryError")
            .jvmArgs(options.jvmOptions().toArray(String[]::new))
            .args("--properties", config.toString())
            .logFile(logFile())
            // Kept data deserves a clean stop at exit; throw-away data does not.
            .shutdownGrace(ownsHome ? Duration.ZERO : STOP_TIMEOUT)
            .start();
        process = child;
        try {
            child.awaitReady(options.startupTimeout(), this::answersHttp);
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "S3 server {0} ready in {1} ms (pid {2}, dir {3})", endpoint(),
            Long.toString((System.nanoTime() - started) / 1_000_000), Long.toString(child.pid()), home);
    }

    private void writeConfig(Path config) {
        String text = String.join("\n",
            "s3proxy.endpoint=" + endpoint(),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + options.accessKey(),
            "s3proxy.credential=" + options.secretKey(),
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + objectsDir(),
            "");
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + config, e);
        }
    }

    /** Any HTTP answer (an unsigned request gets 403) means the server listens and serves. */
    private boolean answersHttp() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        connection.setConnectTimeout(PROBE_TIMEOUT_MS);
        connection.setReadTimeout(PROBE_TIMEOUT_MS);
        try {
            return connection.getResponseCode() > 0;
        } finally {
            connection.disconnect();
        }
    }

    private void abandon() {
        closed = true;
        kill();
        removeShutdownHook();
    }

    private void killAndDeleteHome() {
        ChildProcess current = process;
        if (current != null) {
            current.kill();
        }
        Directories.deleteRecursively(home);
    }

    private void removeShutdownHook() {
        if (deleteHomeAtExit == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(deleteHomeAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs and finds nothing left to do.
        }
    }

    /** How to start an {@link S3Server}. Immutable: every setter returns a changed copy. */
    public static final class Options {

        private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");
        private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/=_-]{3,128}");

        private final Path dataDir;
        private final int port;
        private final String accessKey;
        private final String secretKey;
        private final String maxHeap;
        private final Duration startupTimeout;
        private final List<String> jvmOptions;

        private Options(Path dataDir, int port, String accessKey, String secretKey, String maxHeap,
                Duration startupTimeout, List<String> jvmOptions) {
            this.dataDir = dataDir;
            this.port = port;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            this.maxHeap = maxHeap;
            this.startupTimeout = startupTimeout;
            this.jvmOptions = jvmOptions;
        }

        /** A temporary data directory, a free port, keys {@code skein}/{@code skein-secret}, 256 MB heap, 60 s to start. */
        public static Options defaults() {
            return new Options(null, 0, "skein", "skein-secret", "256m", Duration.ofSeconds(60), List.of());
        }

        /** A data directory that is created if missing, reused, and never deleted. */
        public Options dataDir(Path dataDir) {
            return new Options(Objects.requireNonNull(dataDir, "dataDir"), port, accessKey, secretKey, maxHeap,
                startupTimeout, jvmOptions);
        }

        /** The port; 0 (the default) picks a free one. */
        public Options port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return new Options(dataDir, port, accessKey, secretKey, maxHeap, startupTimeout, jvmOptions);
        }

        /** The access key and secret key clients must sign with. */
        public Options keys(String accessKey, String secretKey) {
            for (String key : new String[] {accessKey, secretKey}) {
                if (key == null || !KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("A key is 3 to 128 of A-Z a-z 0-9 + / = _ -");
                }
            }
            return new Options(dataDir, port, accessKey, secretKey, maxHeap, startupTimeout, jvmOptions);
        }

        /** Maximum heap of the server JVM, as for {@code -Xmx}. */
        public Options maxHeap(String maxHeap) {
            if (!HEAP_SIZE.matcher(maxHeap).matches()) {
                throw new IllegalArgumentException("Not a heap size: " + maxHeap);
            }
            return new Options(dataDir, port, accessKey, secretKey, maxHeap, startupTimeout, jvmOptions);
        }

        /** How long a start or restart may take before it fails. */
        public Options startupTimeout(Duration startupTimeout) {
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
            }
            return new Options(dataDir, port, accessKey, secretKey, maxHeap, startupTimeout, jvmOptions);
        }

        /** More options of the server JVM, after Skein's own (heap, headless, exit on out-of-memory). */
        public Options jvmOptions(List<String> jvmOptions) {
            return new Options(dataDir, port, accessKey, secretKey, maxHeap, startupTimeout, List.copyOf(jvmOptions));
        }

        /** The extra options of the server JVM. */
        public List<String> jvmOptions() {
            return jvmOptions;
        }

        /** The kept data directory, or empty for a temporary one. */
        public Optional<Path> dataDir() {
            return Optional.ofNullable(dataDir);
        }

        /** The port, 0 for a free one. */
        public int port() {
            return port;
        }

        /** The access key. */
        public String accessKey() {
            return accessKey;
        }

        /** The secret key. */
        public String secretKey() {
            return secretKey;
        }

        /** Maximum heap. */
        public String maxHeap() {
            return maxHeap;
        }

        /** How long a start may take. */
        public Duration startupTimeout() {
            return startupTimeout;
        }
    }
}
