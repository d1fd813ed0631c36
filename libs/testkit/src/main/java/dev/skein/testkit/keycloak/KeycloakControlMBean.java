package dev.skein.testkit.keycloak;

/**
 * The shared Keycloak as a JMX MBean, so that tests in any class loader (Quarkus loads each test
 * application in its own) reach the one server of the JVM by name.
 */
public interface KeycloakControlMBean {

    /** The HTTP port. */
    int getPort();

    /** {@code http://127.0.0.1:PORT}. */
    String getBaseUrl();

    /** Whether the server runs. */
    boolean isRunning();
}
