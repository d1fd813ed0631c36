package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks can fail: the validators reject what Kubernetes and Helm would reject. */
class SchemaValidationNegativeTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              %s
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x
                      %s
            """;

    static List<String> errors(String replicas, String containerExtra) {
        JsonNode doc = Manifests.documents(DEPLOYMENT.formatted(replicas, containerExtra)).get(0);
        return JsonSchemas.validateManifest(doc);
    }

    @Test
    void aValidDeploymentPasses() {
        assertEquals(List.of(), errors("replicas: 2", "ports: [{containerPort: 8081}]"));
    }

    @Test
    void anUnknownFieldIsRejected() {
        List<String> errors = errors("replica: 2", "ports: [{containerPort: 8081}]");
        assertTrue(errors.stream().anyMatch(e -> e.contains("replica")), errors.toString());
    }

    @Test
    void aWrongTypeIsRejected() {
        List<String> errors = errors("replicas: two", "ports: [{containerPort: 8081}]");
        assertTrue(errors.stream().anyMatch(e -> e.contains("replicas")), errors.toString());
    }

    @Test
    void aMisspelledProbeIsRejected() {
        List<String> errors = errors("replicas: 1", "livenessProbe: {httpGet: {path: /q/health/live, port: http}, periodSecond: 5}");
        assertTrue(errors.stream().anyMatch(e -> e.contains("periodSecond")), errors.toString());
    }

    @Test
    void anUnknownKindHasNoSchema() {
        JsonNode doc = Manifests.documents("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n").get(0);
        assertTrue(JsonSchemas.validateManifest(doc).get(0).contains("no schema"));
    }

    @Test
    void theServiceMonitorSchemaRequiresEndpoints() {
        JsonNode doc = Manifests.documents("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                """).get(0);
        List<String> errors = JsonSchemas.validateManifest(doc);
        assertTrue(errors.stream().anyMatch(e -> e.contains("endpoints")), errors.toString());
    }

    @Test
    void chartValuesAreCheckedAgainstValuesSchema() {
        // a wrong type, an unknown key (e.g. a secret pasted into values) and a missing Kafka all stop the render
        Exception wrongType = assertThrows(Exception.class,
                () -> HelmCharts.template("gateway-service", "gateway-service", null, Map.of("replicaCount", "many")));
        assertTrue(wrongType.getMessage().contains("replicaCount"), wrongType.getMessage());
        Exception plaintext = assertThrows(Exception.class,
                () -> HelmCharts.template("gateway-service", "gateway-service", null, Map.of("auth.clientSecret", "hunter2")));
        assertTrue(plaintext.getMessage().contains("clientSecret"), plaintext.getMessage());
        Exception noKafka = assertThrows(Exception.class,
                () -> HelmCharts.template("presence-service", "presence-service", null, Map.of("kafka.bootstrapServers", "")));
        assertTrue(noKafka.getMessage().contains("kafka.bootstrapServers"), noKafka.getMessage());
        Exception rootUser = assertThrows(Exception.class,
                () -> HelmCharts.template("doc-service", "doc-service", null, Map.of("podSecurityContext.runAsNonRoot", false)));
        assertTrue(rootUser.getMessage().contains("runAsNonRoot"), rootUser.getMessage());
    }
}
