package dev.skein.doc.rest;

import dev.skein.testkit.auth.AuthServiceStub;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.keycloak.SkeinRealm;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The REST API with tokens required, against the JVM's real Keycloak (skein realm) and Kafka
 * broker; people's roles come from {@link AuthServiceStub} (cached for long, so that only ACL
 * change events can make a revocation count at once). Resources in order: the stub needs the broker.
 */
public class DocAuthProfile implements QuarkusTestProfile {

    /** doc-service's setting for auth-service's URL, which the stub fills in. */
    public static final String AUTH_SERVICE_URL_KEY = "skein.doc.auth.auth-service-url";

    @Override
    public Map<String, String> getConfigOverrides() {
        // quarkus.oidc.auth-server-url comes from KeycloakTestResource.
        return Map.of("skein.doc.auth.enabled", "true",
            "skein.doc.auth.client-secret", SkeinRealm.DOC_SECRET,
            "skein.doc.auth.role-cache-ttl", "1h");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(KeycloakTestResource.class),
            new TestResourceEntry(AuthServiceStub.class, Map.of(AuthServiceStub.URL_KEY_ARG, AUTH_SERVICE_URL_KEY)));
    }
}
