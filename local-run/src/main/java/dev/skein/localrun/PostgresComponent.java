package dev.skein.localrun;

import dev.skein.testkit.postgres.PostgresBinaries;
import dev.skein.testkit.postgres.PostgresServer;
import dev.skein.testkit.process.ChildProcessException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local run's PostgreSQL, for auth-service's access lists and Keycloak's realm, users and
 * sessions: the testkit's {@link PostgresServer} (Debian's binaries) on a free loopback port,
 * superuser and database {@value PostgresServer#USER}, its data under the run's data folder so
 * that sharing and sign-ins survive a restart.
 */
final class PostgresComponent implements Component {

    private static final String NAME = "postgres";
    private static final int REPORT_LINES = 40;

    private final PostgresServer server;
    private final boolean keepsData;

    private PostgresComponent(PostgresServer server, boolean keepsData) {
        this.server = server;
        this.keepsData = keepsData;
    }

    /** Whether the data outlives the run (else it is a throw-away database). */
    boolean keepsData() {
        return keepsData;
    }

    /** Why PostgreSQL cannot run here, if it cannot: its binaries are not installed. */
    static Optional<String> unavailable() {
        return PostgresBinaries.locate().isPresent() ? Optional.empty()
                : Optional.of("PostgreSQL is not installed (apt-get install -y postgresql, or set "
                        + PostgresBinaries.ENV + ")");
    }

    /**
     * Starts PostgreSQL and waits until it accepts connections.
     *
     * @throws StartupException if it does not start
     */
    static PostgresComponent start(Path dataDir, java.util.function.Consumer<String> progress) {
        try {
            try {
                return new PostgresComponent(PostgresServer.startKeeping(dataDir), true);
            } catch (IllegalStateException unreachable) {
                progress.accept("postgres: access lists and sign-ins are not kept across restarts ("
                        + unreachable.getMessage() + "; move the data folder, e.g. --data-dir /var/tmp/skein)");
                return new PostgresComponent(PostgresServer.start(), false);
            }
        } catch (ChildProcessException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new StartupException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Quarkus' reactive datasource URL. */
    String reactiveUrl() {
        return server.reactiveUrl();
    }

    /** The JDBC URL of database {@code name}, created if missing (Keycloak's own database). */
    String jdbcUrl(String name) {
        server.ensureDatabase(name);
        return server.jdbcUrl(name);
    }

    /** The user auth-service connects as. */
    String user() {
        return PostgresServer.USER;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public String failureReport() {
        return "postgres stopped" + System.lineSeparator()
                + "--- last lines of " + server.logFile() + " ---" + System.lineSeparator()
                + LogFiles.tail(server.logFile(), REPORT_LINES);
    }

    @Override
    public void close() {
        server.close();
    }
}
