package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chart: helm lint (strict), then helm template with its default values and with its
 * production-like values (ci/production-values.yaml), every rendered manifest validated against
 * the Kubernetes JSON schemas kept in this module, plus what the issue asks of every workload.
 */
class ChartTemplateTest {

    static Stream<String> charts() {
        return Stream.concat(Repo.SERVICES.stream(), Stream.of(Repo.UMBRELLA));
    }

    static Stream<Arguments> renders() {
        return charts().flatMap(c -> Stream.of(Arguments.of(c, "default"), Arguments.of(c, "production")));
    }

    static List<JsonNode> render(String chart, String values) {
        Path file = values.equals("production") ? HelmCharts.productionValues(chart) : null;
        // helm template leaves hooks out of its output: render the topics Job as a plain resource to check it
        Map<String, Object> sets = chart.equals(Repo.UMBRELLA) && file != null ? Map.of("topicsJob.hook", false) : Map.of();
        return Manifests.documents(HelmCharts.template(chart, chart.equals(Repo.UMBRELLA) ? "skein" : chart, file, sets));
    }

    static Stream<String> allCharts() {
        return Stream.concat(charts(), Stream.of(Repo.COMMON));
    }

    @ParameterizedTest(name = "helm lint {0}")
    @MethodSource("allCharts")
    void lints(String chart) {
        LintResult result = HelmCharts.lint(chart);
        List<String> problems = result.getMessages().stream()
                .filter(m -> !m.contains("icon is recommended")).toList();
        assertFalse(result.isFailed(), chart + ": " + result.getMessages());
        assertTrue(problems.isEmpty(), chart + ": " + problems);
    }

    @ParameterizedTest(name = "helm template {0} ({1} values)")
    @MethodSource("renders")
    void rendersValidManifests(String chart, String values) {
        List<JsonNode> docs = render(chart, values);
        assertFalse(docs.isEmpty(), "nothing rendered");
        List<String> errors = new ArrayList<>();
        for (JsonNode doc : docs) {
            errors.addAll(JsonSchemas.validateManifest(doc));
        }
        assertEquals(List.of(), errors, chart + " (" + values + " values) renders manifests its schemas reject");

        int services = chart.equals(Repo.UMBRELLA) ? Repo.SERVICES.size() : 1;
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(d.path("kind").asText()));
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget")) {
            assertEquals(services, Manifests.ofKind(docs, kind).size(), kind + " count in " + kinds);
        }
        for (JsonNode deployment : Manifests.ofKind(docs, "Deployment")) {
            checkWorkload(deployment);
        }
        for (JsonNode configMap : Manifests.ofKind(docs, "ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(e -> {
                assertFalse(Secrets.looksSecret(e.getKey()), Manifests.describe(configMap) + " holds a credential: " + e.getKey());
                // YAML numbers pass through Go's float64: 8388608 must not reach a service as 8.388608e+06
                assertFalse(e.getValue().asText().matches("-?\\d+(\\.\\d+)?e[+-]\\d+"), e.getKey() + "=" + e.getValue());
            });
        }
        if (values.equals("production")) {
            assertTrue(kinds.contains("HorizontalPodAutoscaler"), "production renders " + kinds);
            // auth-service has no /q/metrics yet, so its production values leave the ServiceMonitor off
            assertEquals(chart.equals("auth-service") ? 0 : services - (chart.equals(Repo.UMBRELLA) ? 1 : 0),
                    Manifests.ofKind(docs, "ServiceMonitor").size(), "ServiceMonitors");
            if (chart.equals("gateway-service") || chart.equals(Repo.UMBRELLA)) {
                checkIngress(Manifests.ofKind(docs, "Ingress"));
            }
            if (chart.equals(Repo.UMBRELLA)) {
                assertEquals(1, Manifests.ofKind(docs, "Job").size(), "topics hook Job");
            }
        }
    }

    @ParameterizedTest(name = "NOTES.txt of {0} says how to reach the gateway")
    @MethodSource("charts")
    void notesSayHowToReachTheGateway(String chart) {
        String release = chart.equals(Repo.UMBRELLA) ? "skein" : chart;
        String notes = HelmCharts.notes(chart, release, null);
        if (chart.equals("gateway-service") || chart.equals(Repo.UMBRELLA)) {
            assertTrue(notes.contains("kubectl port-forward") && notes.contains("ws://127.0.0.1:8081/ws/"), notes);
            String withIngress = HelmCharts.notes(chart, release, HelmCharts.productionValues(chart));
            assertTrue(withIngress.contains("wss://collab.example.com/ws/"), withIngress);
        } else {
            assertTrue(notes.contains("gateway-service"), notes);
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("gateway-service", Map.of("auth.enabled", false), "SKEIN_GATEWAY_AUTH_CLIENT_SECRET", false),
                Arguments.of("doc-service", Map.of("storage.enabled", false), "SKEIN_STORAGE_ACCESS_KEY", false),
                Arguments.of("presence-service", Map.of("redis.existingSecret", "my-redis", "redis.hosts", ""), "QUARKUS_REDIS_HOSTS", true),
                Arguments.of("auth-service", Map.of("database.existingSecret", "pg-app"), "QUARKUS_DATASOURCE_PASSWORD", true),
                Arguments.of(Repo.UMBRELLA, Map.of("gateway-service.enabled", false), "SKEIN_GATEWAY_AUTH_CLIENT_SECRET", false));
    }

    /** Switches that change what is rendered: still valid, and the Secret-backed variable follows the switch. */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("variants")
    void variantsRenderValidManifests(String chart, Map<String, Object> sets, String secretEnv, boolean expected) {
        List<JsonNode> docs = Manifests.documents(HelmCharts.template(chart, chart.equals(Repo.UMBRELLA) ? "skein" : chart, null, sets));
        List<String> errors = new ArrayList<>();
        boolean found = false;
        for (JsonNode doc : docs) {
            errors.addAll(JsonSchemas.validateManifest(doc));
        }
        for (JsonNode deployment : Manifests.ofKind(docs, "Deployment")) {
            checkWorkload(deployment);
            for (JsonNode env : deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
                found |= env.path("name").asText().equals(secretEnv) && env.path("valueFrom").has("secretKeyRef");
            }
        }
        assertEquals(List.of(), errors);
        assertEquals(expected, found, secretEnv + " from a Secret");
    }

    /** Non-root, read-only root filesystem with /tmp on an emptyDir, the health probes, no plaintext credentials. */
    static void checkWorkload(JsonNode deployment) {
        String name = Manifests.describe(deployment);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + " runAsNonRoot");
        JsonNode container = pod.path("containers").get(0);
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + " readOnlyRootFilesystem");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name + " allowPrivilegeEscalation");
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), name);
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), name);
        boolean tmpMounted = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                String volume = mount.path("name").asText();
                for (JsonNode v : pod.path("volumes")) {
                    tmpMounted |= v.path("name").asText().equals(volume) && v.has("emptyDir");
                }
            }
        }
        assertTrue(tmpMounted, name + " mounts an emptyDir at /tmp");
        assertTrue(container.path("resources").path("requests").has("memory"), name + " resource requests");
        for (JsonNode env : container.path("env")) {
            if (Secrets.looksSecret(env.path("name").asText())) {
                assertFalse(env.has("value"), name + ": " + env.path("name").asText() + " as plaintext, not from a Secret");
            }
        }
    }

    static void checkIngress(List<JsonNode> ingresses) {
        assertEquals(1, ingresses.size(), "gateway Ingress");
        JsonNode annotations = ingresses.get(0).path("metadata").path("annotations");
        for (String timeout : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            assertTrue(annotations.path(timeout).asInt() >= 3600, timeout + " is WebSocket-friendly: " + annotations);
        }
    }
}
