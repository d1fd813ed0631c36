package dev.skein.testkit.keycloak;

/** Exposes a {@link KeycloakServer} as {@link KeycloakControlMBean}. */
final class KeycloakControl implements KeycloakControlMBean {

    private final KeycloakServer server;

    KeycloakControl(KeycloakServer server) {
        this.server = server;
    }

    @Override
    public int getPort() {
        return server.port();
    }

    @Override
    public String getBaseUrl() {
        return server.baseUrl();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }
}
