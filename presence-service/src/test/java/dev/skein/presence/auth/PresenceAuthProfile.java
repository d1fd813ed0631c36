package dev.skein.presence.auth;

import dev.skein.testkit.auth.AuthServiceStub;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.redis.RedisTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Authentication on, against the JVM's real Keycloak (skein realm), the real Kafka broker, a real
 * Redis and the {@link AuthServiceStub}. Roles are cached for long, so that only ACL change events
 * can explain an access that ends at once. Resources in order: the stub's producer needs the broker.
 */
public class PresenceAuthProfile implements QuarkusTestProfile {

    /** The service's setting for auth-service's URL, which the stub fills in. */
    public static final String AUTH_SERVICE_URL_KEY = "skein.presence.auth.auth-service-url";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "skein.presence.auth.enabled", "true",
                "skein.presence.auth.client-secret", SkeinRealm.PRESENCE_SECRET,
                "skein.presence.auth.role-cache-ttl", "5m");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(RedisTestResource.class),
                new TestResourceEntry(KeycloakTestResource.class), new TestResourceEntry(AuthServiceStub.class,
                        Map.of(AuthServiceStub.URL_KEY_ARG, AUTH_SERVICE_URL_KEY)));
    }
}
