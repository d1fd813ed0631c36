package dev.skein.gateway.auth;

import dev.skein.testkit.auth.AuthServiceStub;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.kafka.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Authentication on, against the JVM's real Keycloak (skein realm), the real Kafka broker and the
 * {@link AuthServiceStub}. Resources are listed in order: the stub's producer needs the broker.
 */
public class AuthProfile implements QuarkusTestProfile {

    /** The service's setting for auth-service's URL, which the stub fills in. */
    public static final String AUTH_SERVICE_URL_KEY = "skein.gateway.auth.auth-service-url";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "skein.gateway.auth.enabled", "true",
                "skein.gateway.auth.issuer", "${" + KeycloakTestResource.ISSUER_PROPERTY + "}",
                "skein.gateway.auth.client-secret", SkeinRealm.GATEWAY_SECRET,
                // Short so that the expiry test waits little; Keycloak and the test share a clock.
                "skein.gateway.auth.clock-skew", "0s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(KeycloakTestResource.class),
                new TestResourceEntry(AuthServiceStub.class, Map.of(AuthServiceStub.URL_KEY_ARG, AUTH_SERVICE_URL_KEY)));
    }
}
