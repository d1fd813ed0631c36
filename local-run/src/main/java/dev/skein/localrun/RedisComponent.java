package dev.skein.localrun;

import dev.skein.testkit.process.ChildProcessException;
import dev.skein.testkit.redis.RedisServer;

/**
 * The local run's Redis, for presence-service: the operating system's {@code redis-server} on a
 * free loopback port, without persistence (awareness lives 30 s anyway, and presence-service
 * rebuilds it from the awareness topic).
 */
final class RedisComponent implements Component {

    private static final String NAME = "redis";
    private static final int REPORT_LINES = 40;

    private final RedisServer server;

    private RedisComponent(RedisServer server) {
        this.server = server;
    }

    /**
     * Starts Redis and waits until it answers.
     *
     * @throws StartupException if {@code redis-server} is not installed (naming the install step)
     *     or does not start
     */
    static RedisComponent start() {
        try {
            return new RedisComponent(RedisServer.start());
        } catch (ChildProcessException | IllegalStateException e) {
            throw new StartupException("Redis did not start: " + e.getMessage(), e);
        }
    }

    /** The URI presence-service connects to ({@code QUARKUS_REDIS_HOSTS}). */
    String uri() {
        return server.uri();
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
        return "redis stopped" + System.lineSeparator()
                + "--- last lines of " + server.logFile() + " ---" + System.lineSeparator()
                + LogFiles.tail(server.logFile(), REPORT_LINES);
    }

    @Override
    public void close() {
        server.close();
    }
}
