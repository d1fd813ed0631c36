package dev.skein.doc.rest;

import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The REST API with tokens required, against the JVM's real Keycloak (skein realm) and Kafka broker. */
public class DocAuthProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // quarkus.oidc.auth-server-url comes from KeycloakTestResource.
        return Map.of("skein.doc.auth.enabled", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(KeycloakTestResource.class));
    }
}
