package dev.skein.gateway.awareness;

import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.keycloak.KeycloakTestResource;
import dev.skein.testkit.keycloak.SkeinRealm;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Authentication on (the JVM's real Keycloak) and a presence-service stub that checks the gateway's token. */
public class PresenceAuthProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.gateway.auth.enabled", "true",
            "skein.gateway.auth.issuer", "${" + KeycloakTestResource.ISSUER_PROPERTY + "}",
            "skein.gateway.auth.client-secret", SkeinRealm.GATEWAY_SECRET,
            "skein.gateway.awareness.presence-url", TokenCheckingPresenceStub.start(),
            "skein.gateway.awareness.presence-timeout", "5s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(KeycloakTestResource.class));
    }
}
