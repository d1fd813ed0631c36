package dev.skein.loadtool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A reference server from {@code bench/system} ({@code y-websocket} or {@code hocuspocus}) as a
 * Node child process on a free loopback port, for tests that run scenarios against a real server.
 */
public final class NodeServer implements AutoCloseable {

    /** The stock y-websocket server. */
    public static final String Y_WEBSOCKET = "y-websocket";
    /** Hocuspocus without extensions. */
    public static final String HOCUSPOCUS = "hocuspocus";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private NodeServer(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** {@code bench/system}, whose {@code node_modules} must have been installed ({@code npm ci}). */
    public static Path benchDir() {
        String dir = System.getProperty("skein.bench.system.dir");
        Path bench = dir != null ? Path.of(dir) : Path.of("..", "bench", "system");
        if (!Files.isDirectory(bench.resolve("node_modules").resolve("@y").resolve("websocket-server"))
                || !Files.isDirectory(bench.resolve("node_modules").resolve("@hocuspocus").resolve("server"))) {
            fail(bench.toAbsolutePath().normalize() + "/node_modules lacks the reference servers: run `npm ci` in "
                    + "bench/system (./mvnw verify does it before the integration tests)");
        }
        return bench.toAbsolutePath().normalize();
    }

    /** Starts server {@code name} and waits until it accepts connections. */
    public static NodeServer start(String name, Path logDir) {
        Path bench = benchDir();
        int port = freePort();
        try {
            Files.createDirectories(logDir);
            Path log = Files.createTempFile(logDir, name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder("node", bench.resolve("servers").resolve(name + ".mjs").toString())
                    .directory(bench.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("PORT", Integer.toString(port));
            NodeServer server = new NodeServer(name, port, builder.start(), log);
            server.awaitListening(port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node for " + name + " (is Node 20+ on the PATH?)", e);
        }
    }

    /** Waits until {@code port} on loopback accepts connections (this or a restarted server). */
    public void awaitListening(int port) {
        await(name + " listening on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited", () -> !process.isAlive() && this.port == port && !accepts(port))
                .until(() -> accepts(port));
    }

    /** The URL template for the load tool. */
    public String urlTemplate() {
        return "ws://127.0.0.1:" + port + "/{doc}";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The server's output so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
