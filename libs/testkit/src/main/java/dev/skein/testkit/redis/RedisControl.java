package dev.skein.testkit.redis;

/** Exposes a {@link RedisServer} as {@link RedisControlMBean}. */
final class RedisControl implements RedisControlMBean {

    private final RedisServer server;

    RedisControl(RedisServer server) {
        this.server = server;
    }

    @Override
    public int getPort() {
        return server.port();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void kill() {
        server.kill();
    }

    @Override
    public void restart() {
        server.restart();
    }
}
