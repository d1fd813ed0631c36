package dev.skein.auth;

import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A packaged Quarkus service ({@code target/quarkus-app}) running as a child JVM on a free port. */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final ChildProcess process;

    private PackagedService(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts the module's packaged application with {@code properties} and waits until it is ready. */
    public static PackagedService start(Path root, String module, Path logs, String... properties) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (mvn package)");
        }
        int port = FreePorts.freePort();
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + FreePorts.LOOPBACK_HOST, "-Dquarkus.http.port=" + port));
        for (String property : properties) {
            jvmArgs.add("-D" + property);
        }
        ChildProcess process = ChildProcess.java(module).jar(jar).jvmArgs(jvmArgs.toArray(String[]::new))
                .logFile(logs.resolve(module + ".log")).shutdownGrace(Duration.ofSeconds(10)).start();
        PackagedService service = new PackagedService(port, process);
        process.awaitReady(Duration.ofSeconds(120), () -> HTTP.send(
                HttpRequest.newBuilder(URI.create(service.http() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return service;
    }

    public String http() {
        return "http://" + FreePorts.LOOPBACK_HOST + ":" + port;
    }

    public String ws() {
        return "ws://" + FreePorts.LOOPBACK_HOST + ":" + port + "/ws";
    }

    /** Kills the service (SIGKILL): no shutdown hook runs. */
    public void kill() {
        if (process.isAlive()) {
            process.kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop(Duration.ofSeconds(10));
        }
    }
}
