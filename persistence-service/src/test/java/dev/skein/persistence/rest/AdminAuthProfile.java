package dev.skein.persistence.rest;

import dev.skein.persistence.PersistenceTestProfile;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.s3.S3TestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The admin API with tokens required, against the JVM's real Keycloak (skein realm). */
public class AdminAuthProfile extends PersistenceTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        // quarkus.oidc.auth-server-url comes from KeycloakTestResource.
        overrides.put("skein.persistence.auth.enabled", "true");
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(S3TestResource.class),
            new TestResourceEntry(KeycloakTestResource.class));
    }
}
