package dev.skein.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit can fail: against a stand-in service whose OpenAPI document lists one route that
 * checks tokens and one that was added without a check, the unchecked one is reported, knock by
 * knock; an allow-list entry for a route that does not exist is reported too.
 */
class RouteAuditTest {

    private static final String OPENAPI = """
        {"openapi": "3.1.0", "paths": {
          "/docs/{id}": {"get": {"parameters": [{"name": "id", "in": "path"}]}},
          "/undeclared/{docId}/x": {"get": {}},
          "/forgotten": {"post": {"parameters": [{"name": "docId", "in": "query"}],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Grant"}}}}}}},
         "components": {"schemas": {"Grant": {"type": "object", "properties": {
           "role": {"type": "string", "enum": ["read", "write"]}, "count": {"type": "integer"}}}}}}
        """;
    private static final RouteAudit.Tokens TOKENS = new RouteAudit.Tokens("wrong", "expired", "norole");

    private HttpServer server;
    private String base;
    private volatile String lastBody = "";

    @BeforeEach
    void standIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Checks tokens everywhere but on /forgotten and the framework's open routes. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth == null ? null : auth.substring("Bearer ".length());
        lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        byte[] body = new byte[0];
        if (path.startsWith("/q/health") || path.equals("/q/metrics") || path.equals("/forgotten")) {
            status = 200;
        } else if (token == null || token.equals("wrong") || token.equals("expired")) {
            status = 401;
        } else if (token.equals("reader") && path.equals("/q/openapi")) {
            status = 200;
            body = OPENAPI.getBytes(StandardCharsets.UTF_8);
        } else {
            status = 403;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private List<Route> routes() {
        return RouteAudit.withFramework(OpenApiRoutes.of(base, "reader", Map.of("id", "doc-1", "docId", "doc-1")));
    }

    @Test
    void routesComeFromTheDocumentWithSampleValues() throws Exception {
        List<Route> declared = OpenApiRoutes.of(base, "reader", Map.of("id", "doc-1", "docId", "doc-1"));
        assertEquals(List.of("GET /docs/{id}", "GET /undeclared/{docId}/x", "POST /forgotten"),
            declared.stream().map(Route::name).toList());
        assertEquals("/docs/doc-1", declared.get(0).pathAndQuery());
        assertEquals("/undeclared/doc-1/x", declared.get(1).pathAndQuery());
        assertEquals("/forgotten?docId=doc-1", declared.get(2).pathAndQuery());
        assertEquals(Map.of("role", "read", "count", 1),
            new ObjectMapper().readValue(declared.get(2).body(), Map.class));
    }

    @Test
    void aRouteWithoutACheckIsFoundByEveryKnock() {
        List<String> findings = RouteAudit.audit("stand-in", routes(), TOKENS, AuditAllowList.ENTRIES,
            RouteAudit.Caller.of(base));
        assertEquals(4, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(finding -> finding.startsWith("stand-in POST /forgotten")), findings.toString());
        assertTrue(lastBody.isEmpty() || lastBody.startsWith("{"), lastBody);
    }

    @Test
    void anAllowListEntryWaivesOnlyWhatItSaysAndMustMatchARoute() {
        List<AuditAllowList.Entry> allowed = List.of(
            new AuditAllowList.Entry("*", "GET /q/health", AuditAllowList.Waiver.OPEN, "probes"),
            new AuditAllowList.Entry("*", "GET /q/health/live", AuditAllowList.Waiver.OPEN, "probes"),
            new AuditAllowList.Entry("*", "GET /q/health/ready", AuditAllowList.Waiver.OPEN, "probes"),
            new AuditAllowList.Entry("*", "GET /q/metrics", AuditAllowList.Waiver.OPEN, "scrapers"),
            new AuditAllowList.Entry("stand-in", "POST /forgotten", AuditAllowList.Waiver.OPEN, "reviewed"),
            new AuditAllowList.Entry("stand-in", "GET /gone", AuditAllowList.Waiver.OPEN, "stale"));
        List<String> findings = RouteAudit.audit("stand-in", routes(), TOKENS, allowed, RouteAudit.Caller.of(base));
        assertEquals(List.of("stand-in GET /gone: allow-listed, but the service has no such route"), findings);
        // "any caller" still needs a token: the 401 knocks find an open route
        List<AuditAllowList.Entry> anyCaller = List.of(
            new AuditAllowList.Entry("stand-in", "POST /forgotten", AuditAllowList.Waiver.ANY_CALLER, "reviewed"));
        List<String> open = RouteAudit.audit("stand-in", routes(), TOKENS, anyCaller, RouteAudit.Caller.of(base));
        assertTrue(open.stream().filter(f -> f.startsWith("stand-in POST /forgotten")).count() == 3, open.toString());
    }
}
