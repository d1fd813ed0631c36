package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No drift: every setting of a service that has no safe default (derived from the service's
 * sources by {@link RequiredSettings}) is passed by docker-compose.yml and by the service's chart,
 * alone and inside the umbrella chart, with default and with production-like values.
 */
class ConfigDriftTest {

    static List<String> services() {
        return Repo.SERVICES;
    }

    /** The environment names a compose service sets (map or list form). */
    static Set<String> composeEnv(JsonNode compose, String service) {
        Set<String> names = new TreeSet<>();
        JsonNode env = compose.path("services").path(service).path("environment");
        if (env.isObject()) {
            env.fieldNames().forEachRemaining(names::add);
        } else {
            env.forEach(e -> names.add(e.asText().split("=", 2)[0]));
        }
        return names;
    }

    /** The environment names the Deployment of {@code service} gets: its env entries and its ConfigMap's keys. */
    static Set<String> chartEnv(List<JsonNode> docs, String service) {
        Set<String> names = new TreeSet<>();
        JsonNode deployment = Manifests.ofKind(docs, "Deployment").stream()
                .filter(d -> service.equals(d.path("metadata").path("labels").path("app.kubernetes.io/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment of " + service));
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            Manifests.ofKind(docs, "ConfigMap").stream()
                    .filter(c -> c.path("metadata").path("name").asText().equals(configMap))
                    .forEach(c -> c.path("data").fieldNames().forEachRemaining(names::add));
        }
        return names;
    }

    static List<String> missing(List<RequiredSettings.Setting> required, Set<String> env) {
        List<String> missing = new ArrayList<>();
        for (RequiredSettings.Setting s : required) {
            if (!env.contains(s.envName())) {
                missing.add(s.envName() + " (" + s.key() + ": " + s.reason() + ")");
            }
        }
        return missing;
    }

    @ParameterizedTest(name = "{0}: the settings without a default are derived from its sources")
    @MethodSource("services")
    void everyServiceHasRequiredSettings(String service) {
        List<RequiredSettings.Setting> required = RequiredSettings.of(Repo.module(service));
        // every service talks to Kafka, and its bootstrap servers default to localhost
        assertTrue(required.stream().anyMatch(s -> s.envName().equals("KAFKA_BOOTSTRAP_SERVERS")), required.toString());
    }

    @Test
    void theDerivationFindsWhatTheIssueNames() {
        Map<String, Set<String>> expected = Map.of(
                "gateway-service", Set.of("SKEIN_GATEWAY_AUTH_ISSUER", "SKEIN_GATEWAY_AUTH_CLIENT_SECRET",
                        "SKEIN_GATEWAY_AUTH_AUTH_SERVICE_URL", "SKEIN_GATEWAY_AWARENESS_PRESENCE_URL"),
                "doc-service", Set.of("SKEIN_STORAGE_ENDPOINT", "SKEIN_STORAGE_ACCESS_KEY", "SKEIN_STORAGE_SECRET_KEY"),
                "persistence-service", Set.of("SKEIN_STORAGE_ENDPOINT", "SKEIN_STORAGE_ACCESS_KEY", "SKEIN_STORAGE_SECRET_KEY"),
                "presence-service", Set.of("QUARKUS_REDIS_HOSTS", "QUARKUS_OIDC_AUTH_SERVER_URL",
                        "SKEIN_PRESENCE_AUTH_CLIENT_SECRET", "SKEIN_PRESENCE_AUTH_AUTH_SERVICE_URL"),
                "auth-service", Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL"));
        expected.forEach((service, names) -> {
            Set<String> found = new TreeSet<>();
            RequiredSettings.of(Repo.module(service)).forEach(s -> found.add(s.envName()));
            assertTrue(found.containsAll(names), service + ": derived " + found + ", expected at least " + names);
        });
    }

    @ParameterizedTest(name = "docker-compose.yml passes every required setting of {0}")
    @MethodSource("services")
    void composePassesRequiredSettings(String service) {
        JsonNode compose = Manifests.document(Repo.composeFile());
        assertEquals(List.of(), missing(RequiredSettings.of(Repo.module(service)), composeEnv(compose, service)),
                "docker-compose.yml service " + service + " lacks");
    }

    @ParameterizedTest(name = "the {0} chart passes every required setting")
    @MethodSource("services")
    void chartPassesRequiredSettings(String service) {
        List<RequiredSettings.Setting> required = RequiredSettings.of(Repo.module(service));
        for (String values : List.of("default", "production")) {
            assertEquals(List.of(), missing(required, chartEnv(ChartTemplateTest.render(service, values), service)),
                    "chart " + service + " (" + values + " values) lacks");
            assertEquals(List.of(), missing(required, chartEnv(ChartTemplateTest.render(Repo.UMBRELLA, values), service)),
                    "umbrella chart, " + service + " (" + values + " values) lacks");
        }
    }

    /** The check can fail: a new mapping method without a default, in a synthetic service, is caught. */
    @Test
    void aNewSettingWithoutDefaultIsFlagged(@TempDir Path tmp) throws IOException {
        Path module = tmp.resolve("fake-service");
        Path src = Files.createDirectories(module.resolve("src/main/java/dev/skein/fake"));
        Files.writeString(src.resolve("FakeConfig.java"), """
                package dev.skein.fake;

                import io.smallrye.config.ConfigMapping;
                import io.smallrye.config.WithDefault;
                import java.util.Optional;

                @ConfigMapping(prefix = "skein.fake")
                public interface FakeConfig {
                    /** Has a default: fine. */
                    @WithDefault("42")
                    int answer();
                    /** Optional: fine. */
                    Optional<String> nickname();
                    /** No default: must be wired. */
                    String webhookSecret();
                    /** A group. */
                    Upstream upstream();
                    interface Upstream {
                        @WithDefault("http://localhost:9999")
                        String baseUrl();
                        default String describe() { return "x"; }
                    }
                }
                """);
        Files.createDirectories(module.resolve("src/main/resources"));
        Files.writeString(module.resolve("src/main/resources/application.properties"), """
                ## Kafka
                kafka.bootstrap.servers=localhost:9092
                quarkus.http.port=8099
                %test.skein.fake.webhook-secret=test
                """);
        Set<String> found = new TreeSet<>();
        RequiredSettings.of(module).forEach(s -> found.add(s.envName()));
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "SKEIN_FAKE_WEBHOOK_SECRET", "SKEIN_FAKE_UPSTREAM_BASE_URL"), found);

        // and an environment without them is reported
        List<String> missing = missing(RequiredSettings.of(module), Set.of("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(2, missing.size(), missing.toString());
        assertFalse(missing(RequiredSettings.of(Repo.module("presence-service")), Set.of()).isEmpty());
    }
}
