package dev.skein.persistence.it;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service ({@code <module>/target/quarkus-app}) in a child JVM that tests SIGKILL and restart. */
final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private ChildProcess process;

    PackagedService(String name, String module, Path logs, Map<String, String> settings) {
        this.name = name;
        this.jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (mvn package)");
        }
        this.log = logs.resolve(name + ".log");
        this.port = FreePorts.freePort();
        this.settings.putAll(settings);
    }

    static Path repositoryRoot() {
        return Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
    }

    /** Changes a setting for the next start. */
    PackagedService set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Starts the service and waits until {@code /q/health/ready} answers 200. */
    PackagedService start() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port));
        settings.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        process = ChildProcess.java(name).jar(jar).jvmArgs(jvm.toArray(String[]::new)).logFile(log)
            .shutdownGrace(Duration.ofSeconds(20)).start();
        process.awaitReady(Duration.ofSeconds(120), () -> status("/q/health/ready") == 200);
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing buffered is written, nothing is committed. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** SIGTERM and wait: the service writes and commits what it buffered. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The y-websocket URL of a gateway (the provider appends "/" + document id). */
    String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    String http() {
        return "http://127.0.0.1:" + port;
    }

    int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http() + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET returning the body of a 200 answer, or {@code null}. */
    byte[] get(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(http() + path))
            .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : null;
    }

    /** POST without a body; returns the status. */
    int post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http() + path)).POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET returning the body as text whatever the status (health answers 503 with a body). */
    String text(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http() + path)).timeout(Duration.ofSeconds(15)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of an untagged gauge or counter in the Prometheus scrape, or NaN if absent. */
    double metric(String name) throws Exception {
        for (String line : text("/q/metrics").split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        kill();
    }
}
