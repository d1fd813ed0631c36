package dev.skein.testkit.kafka;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one process), running in a
 * child JVM on 127.0.0.1.
 *
 * <p>The child runs with the classpath the testkit build resolved for {@code kafka_2.13}, never
 * with the caller's classpath. Topics are never created automatically: services and tests create
 * them ({@link #createTopics(Map)}). The broker's output goes to {@link #logFile()}.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults())) {
 *     kafka.createTopics(Map.of("skein.doc.updates", 8));
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 *     kafka.kill();      // crash
 *     kafka.restart();   // same ports, same data
 * }
 * }</pre>
 *
 * <p>The broker dies with the JVM that started it. Without {@link Options#dataDir(Path)} its data
 * lives in a fresh temporary directory that {@link #close()} (or JVM exit) deletes; a given data
 * directory is kept, for the local run.
 */
public final class KafkaBroker implements KafkaCluster {

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    private final Path home;
    private final boolean ownsHome;
    private final int port;
    private final int controllerPort;
    private final BrokerLauncher launcher;
    private final Thread deleteHomeAtExit;
    private volatile ChildProcess process;
    private boolean closed;

    private KafkaBroker(Options options) {
        this.options = options;
        this.ownsHome = options.dataDir().isEmpty();
        // Throw-away data needs no clean shutdown when the JVM exits; kept data gets one.
        this.launcher = new BrokerLauncher(BrokerClasspath.entries(), options.maxHeap(), options.jvmArgs(),
                ownsHome ? Duration.ZERO : STOP_TIMEOUT);
        int[] ports = choosePorts(options.port(), options.controllerPort());
        this.port = ports[0];
        this.controllerPort = ports[1];
        this.home = options.dataDir().map(Directories::ensure).orElseGet(() -> Directories.createTempForThisJvm("skein-kafka-"));
        this.deleteHomeAtExit = ownsHome ? new Thread(this::killAndDeleteHome, "skein-kafka-cleanup") : null;
        if (deleteHomeAtExit != null) {
            Runtime.getRuntime().addShutdownHook(deleteHomeAtExit);
        }
    }

    /** Starts a broker with {@link Options#defaults()}. */
    public static KafkaBroker start() {
        return start(Options.defaults());
    }

    /**
     * Starts a broker and waits until it answers an Admin {@code describeCluster}.
     *
     * @throws dev.skein.testkit.process.ChildProcessException if it does not start in time; the
     *     message quotes the end of the broker log, and the data directory is left for inspection
     * @throws IllegalStateException if the testkit's broker classpath is missing or stale
     */
    public static KafkaBroker start(Options options) {
        KafkaBroker broker = new KafkaBroker(Objects.requireNonNull(options, "options"));
        try {
            broker.launch();
        } catch (RuntimeException e) {
            broker.abandon();
            throw e;
        }
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return FreePorts.LOOPBACK_HOST + ":" + port;
    }

    /** The client port (the PLAINTEXT listener). */
    public int port() {
        return port;
    }

    /** The KRaft controller's port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's directory: {@code server.properties}, {@code data/} and {@code broker.log}. */
    public Path dataDir() {
        return home;
    }

    /** The broker's log file. */
    public Path logFile() {
        return home.resolve("broker.log");
    }

    /** Process id of the current (or last) broker process. */
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isRunning() {
        ChildProcess current = process;
        return current != null && current.isAlive();
    }

    @Override
    public void createTopics(Map<String, Integer> nameToPartitions) {
        if (!isRunning()) {
            // Fail now rather than after the Admin client's timeout.
            throw new IllegalStateException("Kafka broker " + bootstrapServers() + " is not running");
        }
        BrokerAdmin.createTopics(bootstrapServers(), nameToPartitions);
    }

    @Override
    public synchronized void stop() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            long started = System.nanoTime();
            current.stop(STOP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "Kafka broker {0} stopped in {1} ms", bootstrapServers(),
                    Long.toString((System.nanoTime() - started) / 1_000_000));
        }
    }

    @Override
    public synchronized void kill() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            current.kill();
            LOG.log(System.Logger.Level.INFO, "Kafka broker {0} killed", bootstrapServers());
        }
    }

    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Kafka broker " + bootstrapServers() + " is closed");
        }
        stop();
        launch();
    }

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
        Path config = home.resolve("server.properties");
        Path logDir = home.resolve("data");
        BrokerConfig.write(config, BrokerConfig.properties(port, controllerPort, logDir,
                options.defaultPartitions(), options.brokerProperties()));
        launcher.formatIfNeeded(config, logDir, logFile());
        ChildProcess child = launcher.startBroker(config, logFile());
        process = child;
        try {
            child.awaitReady(options.startupTimeout(), () -> BrokerAdmin.answers(port));
        } catch (RuntimeException e) {
            // A broker that is not ready must not linger: a later restart would start a second one.
            child.kill();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Kafka broker {0} ready in {1} ms (pid {2}, dir {3})",
                bootstrapServers(), Long.toString((System.nanoTime() - started) / 1_000_000),
                Long.toString(child.pid()), home);
    }

    /** After a failed start: end the process but keep the directory, whose log says what failed. */
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

    private static int[] choosePorts(int port, int controllerPort) {
        int[] free = FreePorts.freePorts(2);
        int client = port != 0 ? port : (free[0] != controllerPort ? free[0] : free[1]);
        int controller = controllerPort != 0 ? controllerPort : (free[1] != client ? free[1] : free[0]);
        if (client == controller) {
            throw new IllegalArgumentException("port and controllerPort must differ: " + client);
        }
        return new int[] {client, controller};
    }

    /**
     * How to start a {@link KafkaBroker}. Immutable: every setter returns a changed copy.
     *
     * <pre>{@code
     * KafkaBroker.Options.defaults().dataDir(Path.of(".skein-data/kafka")).port(9092)
     * }</pre>
     */
    public static final class Options {

        private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");

        private final Path dataDir;
        private final int port;
        private final int controllerPort;
        private final String maxHeap;
        private final int defaultPartitions;
        private final Duration startupTimeout;
        private final Map<String, String> brokerProperties;
        private final List<String> jvmArgs;

        private Options(Path dataDir, int port, int controllerPort, String maxHeap, int defaultPartitions,
                Duration startupTimeout, Map<String, String> brokerProperties, List<String> jvmArgs) {
            this.dataDir = dataDir;
            this.port = port;
            this.controllerPort = controllerPort;
            this.maxHeap = maxHeap;
            this.defaultPartitions = defaultPartitions;
            this.startupTimeout = startupTimeout;
            this.brokerProperties = Map.copyOf(brokerProperties);
            this.jvmArgs = List.copyOf(jvmArgs);
        }

        /**
         * A fresh temporary data directory, free ports, a 512 MB heap, 1 partition for topics
         * created without a count, and 90 s to start.
         */
        public static Options defaults() {
            return new Options(null, 0, 0, "512m", 1, Duration.ofSeconds(90), Map.of(), List.of());
        }

        /** A data directory that is created if missing, reused if formatted, and never deleted. */
        public Options dataDir(Path dataDir) {
            return new Options(Objects.requireNonNull(dataDir, "dataDir"), port, controllerPort, maxHeap,
                    defaultPartitions, startupTimeout, brokerProperties, jvmArgs);
        }

        /** The client port; 0 (the default) picks a free one. */
        public Options port(int port) {
            return new Options(dataDir, checkPort(port), controllerPort, maxHeap, defaultPartitions,
                    startupTimeout, brokerProperties, jvmArgs);
        }

        /** The KRaft controller port; 0 (the default) picks a free one. */
        public Options controllerPort(int controllerPort) {
            return new Options(dataDir, port, checkPort(controllerPort), maxHeap, defaultPartitions,
                    startupTimeout, brokerProperties, jvmArgs);
        }

        /** Maximum heap of the broker JVM, as for {@code -Xmx}: {@code 512m}, {@code 1g}. */
        public Options maxHeap(String maxHeap) {
            if (!HEAP_SIZE.matcher(maxHeap).matches()) {
                throw new IllegalArgumentException("Not a heap size: " + maxHeap);
            }
            return new Options(dataDir, port, controllerPort, maxHeap, defaultPartitions, startupTimeout,
                    brokerProperties, jvmArgs);
        }

        /** Partitions of a topic created without a partition count ({@code num.partitions}). */
        public Options defaultPartitions(int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be positive: " + defaultPartitions);
            }
            return new Options(dataDir, port, controllerPort, maxHeap, defaultPartitions, startupTimeout,
                    brokerProperties, jvmArgs);
        }

        /** How long a start or restart may take before it fails. */
        public Options startupTimeout(Duration startupTimeout) {
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
            }
            return new Options(dataDir, port, controllerPort, maxHeap, defaultPartitions, startupTimeout,
                    brokerProperties, jvmArgs);
        }

        /** An extra broker setting; it overrides the testkit's own settings of the same key. */
        public Options brokerProperty(String key, String value) {
            Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return new Options(dataDir, port, controllerPort, maxHeap, defaultPartitions, startupTimeout,
                    properties, jvmArgs);
        }

        /** Options for the broker's JVM after the testkit's own (heap, logging), e.g. compiler settings. */
        public Options jvmArgs(List<String> jvmArgs) {
            return new Options(dataDir, port, controllerPort, maxHeap, defaultPartitions, startupTimeout,
                    brokerProperties, Objects.requireNonNull(jvmArgs, "jvmArgs"));
        }

        /** Extra options of the broker's JVM. */
        public List<String> jvmArgs() {
            return jvmArgs;
        }

        /** The kept data directory, or empty for a temporary one. */
        public Optional<Path> dataDir() {
            return Optional.ofNullable(dataDir);
        }

        /** The client port, 0 for a free one. */
        public int port() {
            return port;
        }

        /** The controller port, 0 for a free one. */
        public int controllerPort() {
            return controllerPort;
        }

        /** Maximum heap of the broker JVM. */
        public String maxHeap() {
            return maxHeap;
        }

        /** Partitions of topics created without a count. */
        public int defaultPartitions() {
            return defaultPartitions;
        }

        /** How long a start may take. */
        public Duration startupTimeout() {
            return startupTimeout;
        }

        /** Extra broker settings. */
        public Map<String, String> brokerProperties() {
            return brokerProperties;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }
    }
}
