package dev.skein.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes a running service declares in its OpenAPI document ({@code /q/openapi}), never a
 * hand-kept list: a route added to a service is in its document and so in the audit. Sample values
 * stand in for parameters: a name in {@code samples} (e.g. {@code docId} → a document that exists),
 * else {@code audit}; a JSON body gets every property of its schema (an enumeration's first value).
 */
final class OpenApiRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiRoutes() {
    }

    /**
     * Reads the service's document at {@code baseUrl + /q/openapi} with {@code token} (null: none).
     *
     * @throws IllegalStateException if the service does not answer it with 200
     */
    static List<Route> of(String baseUrl, String token, Map<String, String> samples) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
            .header("Accept", "application/json").timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(baseUrl + "/q/openapi answered " + response.statusCode());
            }
            return parse(JSON.readTree(response.body()), samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The routes of an OpenAPI 3 document. */
    static List<Route> parse(JsonNode document, Map<String, String> samples) {
        List<Route> routes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (METHODS.contains(operation.getKey())) {
                    routes.add(route(document, path.getKey(), path.getValue(), operation.getKey(), operation.getValue(),
                        samples));
                }
            }
        }
        return routes;
    }

    private static Route route(JsonNode document, String template, JsonNode pathItem, String method, JsonNode operation,
            Map<String, String> samples) {
        String path = template;
        List<String> query = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String value = samples.getOrDefault(name, "audit");
            switch (parameter.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "query" -> query.add(enc(name) + "=" + enc(value));
                default -> {
                    // headers and cookies: none of the services declares one
                }
            }
        }
        // a path variable the operation does not declare (a method without @PathParam) is still in the path
        Matcher undeclared = PATH_VARIABLE.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (undeclared.find()) {
            undeclared.appendReplacement(filled,
                Matcher.quoteReplacement(URLEncoder.encode(samples.getOrDefault(undeclared.group(1), "audit"),
                    StandardCharsets.UTF_8)));
        }
        undeclared.appendTail(filled);
        path = filled.toString();
        String pathAndQuery = query.isEmpty() ? path : path + "?" + String.join("&", query);
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("application/json")) {
            JsonNode schema = resolve(document, content.path("application/json").path("schema"));
            return new Route(method.toUpperCase(Locale.ROOT), template, pathAndQuery,
                bytes(sample(document, schema)), "application/json");
        }
        if (content.fieldNames().hasNext()) {
            String type = content.fieldNames().next();
            return new Route(method.toUpperCase(Locale.ROOT), template, pathAndQuery, new byte[] {0, 0}, type);
        }
        return new Route(method.toUpperCase(Locale.ROOT), template, pathAndQuery, null, null);
    }

    private static JsonNode sample(JsonNode document, JsonNode schema) {
        ObjectNode body = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode type = resolve(document, property.getValue());
            if (type.has("enum")) {
                body.set(property.getKey(), type.path("enum").get(0));
            } else if (type.path("type").asText().equals("integer") || type.path("type").asText().equals("number")) {
                body.put(property.getKey(), 1);
            } else if (type.path("type").asText().equals("boolean")) {
                body.put(property.getKey(), true);
            } else {
                body.put(property.getKey(), "audit");
            }
        }
        return body;
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return schema;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
