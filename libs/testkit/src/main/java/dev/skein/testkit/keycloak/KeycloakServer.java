package dev.skein.testkit.keycloak;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.postgres.CommandLauncher;
import dev.skein.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak on 127.0.0.1 ({@code kc.sh start-dev} with an in-memory database), running as a
 * child process that dies with the JVM that started it. The master realm's admin is
 * {@value #ADMIN}/{@value #ADMIN}; realms are imported through the admin API
 * ({@link #importRealm(String)}), so one distribution serves any realm and nothing is written into
 * its {@code data/import} directory.
 *
 * <pre>{@code
 * try (KeycloakServer keycloak = KeycloakServer.start()) {
 *     keycloak.importRealm(Files.readString(realmFile));
 *     String token = keycloak.tokens("skein").password("skein-web", "alice", "alice");
 * }
 * }</pre>
 *
 * <p>Start-up takes about half a minute on two cores, which is why tests share one server per JVM
 * ({@link SharedKeycloak}).
 */
public final class KeycloakServer implements AutoCloseable {

    /** User name and password of the master realm's administrator. */
    public static final String ADMIN = "admin";

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final List<String> databaseOptions;
    private ChildProcess process;
    private boolean closed;

    private KeycloakServer(int port, Path workDir, boolean ownsWorkDir, List<String> databaseOptions) {
        this.port = port;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.databaseOptions = databaseOptions;
    }

    /** Starts a server on free ports, on an in-memory database, and waits until it answers. */
    public static KeycloakServer start() {
        int[] ports = FreePorts.freePorts(2);
        KeycloakServer server = new KeycloakServer(ports[0], Directories.createTempForThisJvm("skein-keycloak-"), true,
                List.of("--db=dev-mem"));
        server.launch(ports[1]);
        return server;
    }

    /**
     * Starts a server on free ports that keeps its realms, users and sessions in a PostgreSQL
     * database (and its log in {@code workDir}), so that they outlive it. The first start on a
     * database creates the master realm with the administrator {@value #ADMIN}; later ones find
     * everything there. Switching between this and {@link #start()} makes Keycloak rebuild its
     * shared distribution once (half a minute).
     *
     * @param jdbcUrl the database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/keycloak}
     */
    public static KeycloakServer startKeeping(Path workDir, String jdbcUrl, String user, String password) {
        int[] ports = FreePorts.freePorts(2);
        KeycloakServer server = new KeycloakServer(ports[0], Directories.ensure(workDir), false,
                List.of("--db=postgres", "--db-url=" + jdbcUrl, "--db-username=" + user, "--db-password=" + password));
        server.launch(ports[1]);
        return server;
    }

    /** Whether a realm of that name exists. */
    public boolean hasRealm(String realm) {
        try {
            return KeycloakHttp.get(issuer(realm)).statusCode() == 200;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak " + baseUrl() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The port of its HTTP listener. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + FreePorts.LOOPBACK_HOST + ":" + port;
    }

    /** The issuer of a realm's tokens, also the OIDC {@code auth-server-url}. */
    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** Token requests against a realm. */
    public KeycloakTokens tokens(String realm) {
        return new KeycloakTokens(issuer(realm));
    }

    /** The server's log file. */
    public Path logFile() {
        return workDir.resolve("keycloak.log");
    }

    /** Whether the server process runs. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The admin REST API, as the master realm's administrator. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl(), ADMIN, ADMIN);
    }

    /**
     * Creates a realm from its JSON representation (the format of a realm export).
     *
     * @throws IllegalStateException if Keycloak refuses it
     */
    public void importRealm(String realmJson) {
        admin().importRealm(realmJson);
    }

    /** Stops the server. */
    public synchronized void stop() {
        if (isRunning()) {
            process.stop(STOP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "Keycloak {0} stopped", baseUrl());
        }
    }

    /** Stops the server and deletes its working directory (unless it was started to keep it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsWorkDir) {
            Directories.deleteRecursively(workDir);
        }
    }

    private synchronized void launch(int managementPort) {
        long started = System.nanoTime();
        Path home = KeycloakDistribution.home();
        // start-dev re-augments the shared distribution (it rewrites lib/quarkus) when its build
        // options differ from the last run's; a lock keeps two JVMs from doing so at once.
        try (FileChannel lockFile = FileChannel.open(home.resolve(".skein-start.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            List<String> command = new java.util.ArrayList<>(List.of(
                    "bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=" + FreePorts.LOOPBACK_HOST,
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort));
            command.addAll(databaseOptions);
            ChildProcess child = CommandLauncher.command("keycloak-" + port, command.toArray(String[]::new))
                    .env("JAVA_HOME", KeycloakJava.find().toString())
                    .env("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m")
                    .env("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN)
                    .env("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN)
                    .workingDirectory(workDir)
                    .logFile(logFile())
                    .shutdownGrace(Duration.ofSeconds(5))
                    .start();
            process = child;
            try {
                child.awaitReady(STARTUP_TIMEOUT, this::answers);
            } catch (RuntimeException e) {
                child.kill();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock the Keycloak distribution " + home, e);
        }
        LOG.log(System.Logger.Level.INFO, "Keycloak {0} ready in {1} ms", baseUrl(),
                Long.toString((System.nanoTime() - started) / 1_000_000));
    }

    private boolean answers() throws IOException, InterruptedException {
        return KeycloakHttp.get(issuer("master")).statusCode() == 200;
    }

    /** Keys of the form a token request posts; kept here so callers need no HTTP code. */
    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }
}
