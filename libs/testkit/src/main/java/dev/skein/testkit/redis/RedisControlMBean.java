package dev.skein.testkit.redis;

/**
 * The shared Redis as a JMX MBean, so that tests in any class loader (Quarkus loads each test
 * application in its own) can reach the one server of the JVM by name.
 */
public interface RedisControlMBean {

    /** The port. */
    int getPort();

    /** Whether the server runs. */
    boolean isRunning();

    /** Stops the server (its port refuses connections until {@link #restart()}). */
    void stop();

    /** Kills the server at once. */
    void kill();

    /** Starts the server again on the same port, empty. */
    void restart();
}
