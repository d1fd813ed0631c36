package dev.skein.testkit.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Keycloak with the skein realm
 * ({@link SharedKeycloak}): sets {@value #ISSUER_PROPERTY} (read by the services' test
 * configuration, e.g. {@code quarkus.oidc.auth-server-url=${skein.test.keycloak.issuer}}) and
 * {@code quarkus.oidc.auth-server-url}.
 */
public final class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    /** Configuration key holding the skein realm's issuer URL. */
    public static final String ISSUER_PROPERTY = "skein.test.keycloak.issuer";

    @Override
    public Map<String, String> start() {
        String issuer = SharedKeycloak.issuer();
        return Map.of(ISSUER_PROPERTY, issuer, "quarkus.oidc.auth-server-url", issuer);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; it ends with the JVM.
    }
}
