package dev.skein.testkit.postgres;

/**
 * The shared PostgreSQL as a JMX MBean, so that tests in any class loader (Quarkus loads each
 * test application in its own) reach the one server of the JVM by name.
 */
public interface PostgresControlMBean {

    /** The port. */
    int getPort();

    /** The reactive client URL, {@code postgresql://127.0.0.1:PORT/skein}. */
    String getReactiveUrl();

    /** Whether the server runs. */
    boolean isRunning();
}
