package dev.skein.testkit.redis;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Redis server on 127.0.0.1, without persistence ({@code --save '' --appendonly no}),
 * running as a child process that dies with the JVM that started it.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     config.put("quarkus.redis.hosts", redis.uri());
 *     redis.stop();     // outage: the port refuses connections
 *     redis.start();    // back on the same port, empty
 * }
 * }</pre>
 *
 * <p>The binary comes from {@link RedisExecutable}. Its log and working directory live in a fresh
 * temporary directory that {@link #close()} deletes.
 */
public final class RedisServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisServer.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path executable;
    private final int port;
    private final Path home;
    private ChildProcess process;
    private boolean closed;

    private RedisServer(Path executable, int port, Path home) {
        this.executable = executable;
        this.port = port;
        this.home = home;
    }

    /** Starts a server on a free port. */
    public static RedisServer start() {
        return start(0);
    }

    /**
     * Starts a server on {@code port} (0 picks a free one) and waits until it answers {@code PING}.
     *
     * @throws IllegalStateException if {@code redis-server} is not installed
     * @throws dev.skein.testkit.process.ChildProcessException if it does not start in time; the
     *     message quotes its log
     */
    public static RedisServer start(int port) {
        RedisServer server = new RedisServer(RedisExecutable.find(), port == 0 ? FreePorts.freePort() : port,
                Directories.createTempForThisJvm("skein-redis-"));
        server.launch();
        return server;
    }

    /** The port it listens on; the same across {@link #stop()} and {@link #restart()}. */
    public int port() {
        return port;
    }

    /** The connection URI, as {@code quarkus.redis.hosts} takes it: {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + FreePorts.LOOPBACK_HOST + ":" + port;
    }

    /** The server's log file. */
    public Path logFile() {
        return home.resolve("redis.log");
    }

    /** Whether the server process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again after {@link #stop()} or {@link #kill()}, on the same port, empty. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Redis " + uri() + " is closed");
        }
        stop();
        launch();
    }

    /** Stops the server gracefully (SIGTERM); its port then refuses connections. */
    public synchronized void stop() {
        if (isRunning()) {
            process.stop(STOP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "Redis {0} stopped", uri());
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (isRunning()) {
            process.kill();
            LOG.log(System.Logger.Level.INFO, "Redis {0} killed", uri());
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        Directories.deleteRecursively(home);
    }

    private synchronized void launch() {
        long started = System.nanoTime();
        ChildProcess child = ChildProcess.java("redis-" + port)
                .classpath(LauncherClasspath.directory().toString())
                .mainClass(RedisServerMain.class.getName())
                .jvmArgs("-Xmx16m", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
                .args(executable.toString(),
                        "--port", Integer.toString(port),
                        "--bind", FreePorts.LOOPBACK_HOST,
                        "--save", "",
                        "--appendonly", "no",
                        "--dir", home.toString(),
                        "--protected-mode", "yes")
                .workingDirectory(home)
                .logFile(logFile())
                // Not zero: a zero grace halts the launcher without its shutdown hook, which is what
                // stops Redis when the parent JVM was killed.
                .shutdownGrace(Duration.ofSeconds(3))
                .start();
        process = child;
        try {
            child.awaitReady(STARTUP_TIMEOUT, () -> RespClient.pings(port));
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Redis {0} ready in {1} ms", uri(),
                Long.toString((System.nanoTime() - started) / 1_000_000));
    }
}
