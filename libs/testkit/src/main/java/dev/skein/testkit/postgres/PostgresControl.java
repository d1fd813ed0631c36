package dev.skein.testkit.postgres;

/** Exposes a {@link PostgresServer} as {@link PostgresControlMBean}. */
final class PostgresControl implements PostgresControlMBean {

    private final PostgresServer server;

    PostgresControl(PostgresServer server) {
        this.server = server;
    }

    @Override
    public int getPort() {
        return server.port();
    }

    @Override
    public String getReactiveUrl() {
        return server.reactiveUrl();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }
}
