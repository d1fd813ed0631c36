package dev.skein.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON schemas kept in src/test/resources/schemas (sources in the README there), loaded from
 * the class path: validation needs no network.
 */
final class JsonSchemas {

    /** apiVersion + " " + kind of every kind the charts render, to its schema resource. */
    static final Map<String, String> KUBERNETES = Map.of(
            "apps/v1 Deployment", "kubernetes/deployment-apps-v1.json",
            "v1 Service", "kubernetes/service-v1.json",
            "v1 ConfigMap", "kubernetes/configmap-v1.json",
            "v1 ServiceAccount", "kubernetes/serviceaccount-v1.json",
            "v1 Secret", "kubernetes/secret-v1.json",
            "autoscaling/v2 HorizontalPodAutoscaler", "kubernetes/horizontalpodautoscaler-autoscaling-v2.json",
            "policy/v1 PodDisruptionBudget", "kubernetes/poddisruptionbudget-policy-v1.json",
            "networking.k8s.io/v1 Ingress", "kubernetes/ingress-networking-v1.json",
            "batch/v1 Job", "kubernetes/job-batch-v1.json",
            "monitoring.coreos.com/v1 ServiceMonitor", "crds/servicemonitor-monitoring-v1.json");

    static final String COMPOSE = "compose/compose-spec.json";

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    static JsonSchema schema(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + r)) {
                if (in == null) {
                    throw new IllegalStateException("schema not on the class path: schemas/" + r);
                }
                JsonNode node = Manifests.JSON.readTree(in);
                // Kubernetes schemas say "http://json-schema.org/schema#" (no draft, and no such
                // meta-schema to load offline): read them as draft 7, which their keywords belong to.
                // The Compose schema declares draft 7 itself.
                if (node.path("$schema").asText().equals("http://json-schema.org/schema#")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("$schema");
                }
                // The Compose schema's "$id": "compose_spec.json" is relative, which the validator
                // refuses as a base URI; its references are all local ("#/definitions/..."), so drop it.
                if (node.has("$id") && !node.path("$id").asText().contains(":")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("$id");
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The schema of a Kubernetes manifest by its apiVersion and kind, or an error when the kind is unknown. */
    static List<String> validateManifest(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText();
        String resource = KUBERNETES.get(key);
        if (resource == null) {
            return List.of(Manifests.describe(manifest) + ": no schema kept for " + key);
        }
        return validate(resource, manifest).stream().map(m -> Manifests.describe(manifest) + ": " + m).toList();
    }

    static List<String> validate(String resource, JsonNode document) {
        return schema(resource).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
