package dev.skein.localrun;

import dev.skein.testkit.postgres.PostgresBinaries;
import dev.skein.testkit.postgres.PostgresServer;
import dev.skein.testkit.process.ChildProcessException;
import java.util.Optional;

/**
 * The local run's PostgreSQL, for auth-service's access lists: the testkit's {@link PostgresServer}
 * (Debian's binaries) on a free loopback port, superuser and database {@value PostgresServer#USER}.
 */
final class PostgresComponent implements Component {

    private static final String NAME = "postgres";
    private static final int REPORT_LINES = 40;

    private final PostgresServer server;

    private PostgresComponent(PostgresServer server) {
        this.server = server;
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
    static PostgresComponent start() {
        try {
            return new PostgresComponent(PostgresServer.start());
        } catch (ChildProcessException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new StartupException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** Quarkus' reactive datasource URL. */
    String reactiveUrl() {
        return server.reactiveUrl();
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
