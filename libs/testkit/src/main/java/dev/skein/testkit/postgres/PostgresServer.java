package dev.skein.testkit.postgres;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;
import dev.skein.testkit.process.ChildProcessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on 127.0.0.1 with a fresh data directory, running as a child process
 * that dies with the JVM that started it. The superuser is {@value #USER} (no password: trust
 * authentication on loopback) and the database {@value #DATABASE} exists.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     config.put("quarkus.datasource.reactive.url", pg.reactiveUrl());
 * }
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root (CI) every server command runs
 * as the Debian package's {@value #SYSTEM_USER} user through {@code setpriv}. Durability settings
 * are off ({@code fsync}, {@code synchronous_commit}): the data is thrown away anyway.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser the server is initialised with. */
    public static final String USER = "skein";
    /** The database created after start. */
    public static final String DATABASE = "skein";
    /** The operating-system user that runs the server when this JVM is root. */
    public static final String SYSTEM_USER = "postgres";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path bin;
    private final int port;
    private final Path home;
    private final boolean ownsHome;
    private ChildProcess process;
    private boolean closed;

    private PostgresServer(Path bin, int port, Path home, boolean ownsHome) {
        this.bin = bin;
        this.port = port;
        this.home = home;
        this.ownsHome = ownsHome;
    }

    /** Starts a server on a free port with an empty database {@value #DATABASE}. */
    public static PostgresServer start() {
        PostgresServer server = new PostgresServer(PostgresBinaries.find(), FreePorts.freePort(),
                Directories.createTempForThisJvm("skein-postgres-"), true);
        try {
            server.initialise();
            server.launch();
            server.ensureDatabase(DATABASE);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Starts a server on a free port whose data lives in {@code home} and outlives it: the first
     * start creates the cluster and the database {@value #DATABASE}, later ones find them there.
     * {@link #close()} stops the server and keeps the data.
     *
     * @throws IllegalStateException if this JVM runs as root (the server then runs as
     *     {@value #SYSTEM_USER}) and {@code home} lies below a directory that user may not enter
     */
    public static PostgresServer startKeeping(Path home) {
        requireReachableByServerUser(home.toAbsolutePath());
        PostgresServer server = new PostgresServer(PostgresBinaries.find(), FreePorts.freePort(),
                Directories.ensure(home), false);
        try {
            if (Files.isRegularFile(server.dataDir().resolve("PG_VERSION"))) {
                server.giveHomeToServerUser();
            } else {
                server.initialise();
            }
            server.launch();
            server.ensureDatabase(DATABASE);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Creates database {@code name} (owned by {@value #USER}) unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (databaseExists(name)) {
            return;
        }
        int status = runTool(List.of(bin.resolve("createdb").toString(), "-h", FreePorts.LOOPBACK_HOST,
                "-p", Integer.toString(port), "-U", USER, name), true);
        if (status != 0) {
            throw new ChildProcessException("createdb " + name + " failed with status " + status + "; see " + logFile());
        }
    }

    /** The JDBC URL of database {@code name}. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://" + FreePorts.LOOPBACK_HOST + ":" + port + "/" + name;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The URL of Quarkus' reactive client: {@code postgresql://127.0.0.1:PORT/skein}. */
    public String reactiveUrl() {
        return "postgresql://" + FreePorts.LOOPBACK_HOST + ":" + port + "/" + DATABASE;
    }

    /** The JDBC URL, for tools that speak JDBC. */
    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    /** The server's log file. */
    public Path logFile() {
        return home.resolve("postgres.log");
    }

    /** Whether the server process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether the server accepts connections ({@code pg_isready}). */
    public boolean acceptsConnections() {
        return runTool(List.of(bin.resolve("pg_isready").toString(), "-q", "-h", FreePorts.LOOPBACK_HOST,
                "-p", Integer.toString(port), "-U", USER, "-d", "postgres"), false) == 0;
    }

    /** Stops the server (fast shutdown); the data directory is kept until {@link #close()}. */
    public synchronized void stop() {
        if (isRunning()) {
            // Fast shutdown: SIGTERM alone is a "smart" shutdown that waits for every client, and
            // services under test keep pooled connections open.
            runTool(asServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "fast",
                    "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()), "stop"), true);
            process.stop(STOP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "PostgreSQL on port {0} stopped", Integer.toString(port));
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port, with the same data. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is closed");
        }
        stop();
        launch();
    }

    /** Stops the server and deletes its data directory (unless it was started to keep it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsHome) {
            Directories.deleteRecursively(home);
        }
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private void initialise() {
        giveHomeToServerUser();
        int status = runTool(asServerUser(bin.resolve("initdb").toString(), "-D", dataDir().toString(),
                "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync"), true);
        if (status != 0) {
            throw new ChildProcessException("initdb failed with status " + status + "; see " + logFile());
        }
    }

    private synchronized void launch() {
        long started = System.nanoTime();
        List<String> command = asServerUser(bin.resolve("postgres").toString(),
                "-D", dataDir().toString(),
                "-p", Integer.toString(port),
                "-k", home.toString(),
                "-c", "listen_addresses=" + FreePorts.LOOPBACK_HOST,
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off");
        ChildProcess child = CommandLauncher.command("postgres-" + port, command.toArray(String[]::new))
                .workingDirectory(home)
                .logFile(logFile())
                .shutdownGrace(Duration.ofSeconds(5))
                .start();
        process = child;
        try {
            child.awaitReady(STARTUP_TIMEOUT, this::acceptsConnections);
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "PostgreSQL {0} ready in {1} ms", reactiveUrl(),
                Long.toString((System.nanoTime() - started) / 1_000_000));
    }

    private boolean databaseExists(String name) {
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("psql").toString(), "-h", FreePorts.LOOPBACK_HOST,
                "-p", Integer.toString(port), "-U", USER, "-d", "postgres", "-tAc",
                "select 1 from pg_database where datname = '" + name + "'")
                .redirectErrorStream(true);
        try {
            Process psql = builder.start();
            String answer = new String(psql.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            psql.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return answer.strip().equals("1");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessException("Interrupted while running psql", e);
        }
    }

    /** As root, every directory above {@code home} must let others through (x), or the server cannot reach it. */
    private static void requireReachableByServerUser(Path home) {
        if (!isRoot()) {
            return;
        }
        for (Path dir = home.getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (Files.exists(dir) && !Files.getPosixFilePermissions(dir)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(dir + " does not let the user " + SYSTEM_USER + " through, so"
                        + " PostgreSQL cannot keep its data in " + home);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, run as {@value #SYSTEM_USER} when this JVM is root. */
    private static List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            // setpriv executes the command in place (runuser would fork and, on SIGTERM, SIGKILL the
            // server before it has removed its pid file, so the next start on that directory fails).
            full.addAll(List.of("setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER, "--init-groups",
                    "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** As root, the server user must own the directory tree it writes into. */
    private void giveHomeToServerUser() {
        if (!isRoot()) {
            return;
        }
        try (Stream<Path> tree = Files.walk(home)) {
            UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SYSTEM_USER);
            for (Path path : tree.toList()) {
                Files.setOwner(path, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not give " + home + " to the user " + SYSTEM_USER
                    + " (is the postgresql package installed?)", e);
        }
    }

    /** Runs a short-lived tool, appending its output to the server log; returns its exit status. */
    private int runTool(List<String> command, boolean log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.redirectOutput(log ? ProcessBuilder.Redirect.appendTo(logFile().toFile())
                : ProcessBuilder.Redirect.DISCARD);
        try {
            Process tool = builder.start();
            if (!tool.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw new ChildProcessException(command.get(0) + " did not finish within " + TOOL_TIMEOUT);
            }
            return tool.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildProcessException("Interrupted while running " + command.get(0), e);
        }
    }
}
