package dev.skein.localrun;

import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;
import dev.skein.testkit.process.ChildProcessException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A Quarkus service of the local run: a child JVM running its {@code quarkus-run.jar}. */
final class QuarkusService implements Component {

    /** Quarkus finishes in-flight requests and closes its Kafka clients within this time. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final int REPORT_LINES = 40;

    private final String name;
    private final int port;
    private final ChildProcess process;

    private QuarkusService(String name, int port, ChildProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Launches the service without waiting for it; its jar must exist ({@link ServiceSpec#runnableJar}). */
    static QuarkusService launch(ServiceSpec spec, Path root, int port, String bootstrapServers, Path logDir) {
        Path jar = spec.runnableJar(root);
        ChildProcess.Builder builder = ChildProcess.java(spec.name())
                .jar(jar)
                .jvmArgs("-Xmx" + spec.maxHeap(), "-XX:+ExitOnOutOfMemoryError")
                .jvmArgs(spec.jvmOptions().toArray(String[]::new))
                .workingDirectory(root.resolve(spec.module()))
                .logFile(logDir.resolve(spec.name() + ".log"))
                .shutdownGrace(STOP_GRACE)
                // Loopback only: the local run is for this machine's browser.
                .env("QUARKUS_HTTP_HOST", FreePorts.LOOPBACK_HOST)
                .env("QUARKUS_HTTP_PORT", Integer.toString(port))
                .env("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        for (Map.Entry<String, String> setting : spec.env().entrySet()) {
            builder.env(setting.getKey(), setting.getValue());
        }
        ServiceJvm.fromEnvironment(System.getenv(), spec.name()).applyTo(builder);
        return new QuarkusService(spec.name(), port, builder.start());
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws StartupException if the service exits or is not ready in time; quotes its log
     */
    void awaitReady(Duration timeout) {
        try {
            process.awaitReady(timeout, new HealthProbe(port));
        } catch (ChildProcessException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** The service's HTTP port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The file the service logs to. */
    Path logFile() {
        return process.logFile();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public String failureReport() {
        return name + " exited with status " + process.exitStatus().orElse(-1) + System.lineSeparator()
                + "--- last lines of " + process.logFile() + " ---" + System.lineSeparator()
                + process.logTail(REPORT_LINES);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop(STOP_GRACE);
        }
    }
}
