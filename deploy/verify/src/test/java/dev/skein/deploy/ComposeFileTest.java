package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: valid against the Compose specification's schema, and complete. */
class ComposeFileTest {

    static final Set<String> INFRASTRUCTURE = Set.of("kafka", "redis", "minio", "postgres", "keycloak");

    static JsonNode compose() {
        return Manifests.document(Repo.composeFile());
    }

    @Test
    void isValidAgainstTheComposeSpecification() {
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.COMPOSE, compose()));
    }

    @Test
    void theSchemaRejectsAMistake() {
        JsonNode broken = Manifests.documents("""
                services:
                  gateway-service:
                    image: skein/gateway-service
                    depends_on:
                      kafka:
                        condition: healthy
                    restart_policy: always
                """).get(0);
        List<String> errors = JsonSchemas.validate(JsonSchemas.COMPOSE, broken);
        assertTrue(errors.stream().anyMatch(e -> e.contains("restart_policy")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("condition")), errors.toString());
    }

    @Test
    void buildsEveryServiceFromItsModule() throws Exception {
        JsonNode services = compose().path("services");
        for (String service : Repo.SERVICES) {
            JsonNode s = services.path(service);
            assertFalse(s.isMissingNode(), "service " + service);
            assertEquals("./" + service, s.path("build").path("context").asText(), service);
            Path dockerfile = Repo.root().resolve(service).resolve(s.path("build").path("dockerfile").asText());
            assertTrue(Files.isRegularFile(dockerfile), dockerfile.toString());
            String text = Files.readString(dockerfile);
            assertTrue(text.contains("target/quarkus-app/lib/") && text.contains("quarkus-run.jar"), dockerfile + ": fast-jar layout");
            assertTrue(text.matches("(?s).*\\nUSER (185|[1-9][0-9]{2,})\\n.*"), dockerfile + ": runs as a non-root user");
            assertTrue(text.contains("HEALTHCHECK") && text.contains("/q/health/ready"), dockerfile + ": HEALTHCHECK");
        }
    }

    @Test
    void hasTheInfrastructureWithHealthChecks() {
        JsonNode services = compose().path("services");
        for (String infra : INFRASTRUCTURE) {
            assertTrue(services.path(infra).has("healthcheck"), infra + " healthcheck");
        }
        JsonNode kafka = services.path("kafka").path("environment");
        assertTrue(kafka.path("KAFKA_PROCESS_ROLES").asText().contains("controller"), "Kafka in KRaft mode");
        JsonNode keycloak = services.path("keycloak");
        assertTrue(keycloak.path("command").toString().contains("--import-realm"), "Keycloak imports the realm");
        assertTrue(keycloak.path("volumes").toString().contains("./deploy/keycloak/skein-realm.json"), "the repository's realm");
        assertTrue(services.path("minio-bucket").path("command").toString().contains("mc mb"), "the bucket is created at start");
    }

    @Test
    void everyDependencyWaitsForHealthAndEveryServiceHasLimits() {
        JsonNode services = compose().path("services");
        Set<String> unlimited = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            JsonNode limits = entry.getValue().path("deploy").path("resources").path("limits");
            if (!limits.has("memory") || !limits.has("cpus")) {
                unlimited.add(entry.getKey());
            }
            entry.getValue().path("depends_on").fields().forEachRemaining(dep -> {
                String condition = dep.getValue().path("condition").asText();
                boolean hasHealth = services.path(dep.getKey()).has("healthcheck") || Repo.SERVICES.contains(dep.getKey());
                String expected = hasHealth ? "service_healthy" : "service_completed_successfully";
                assertEquals(expected, condition, entry.getKey() + " depends on " + dep.getKey());
            });
        });
        assertEquals(Set.of(), unlimited, "services without cpu and memory limits");
        for (String service : Repo.SERVICES) {
            assertTrue(services.path(service).path("depends_on").has("kafka"), service + " waits for Kafka");
        }
    }
}
