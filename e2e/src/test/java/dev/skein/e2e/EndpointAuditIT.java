package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every door checked: all five services with authentication on (real Keycloak, Kafka, Redis,
 * PostgreSQL, S3), each audited from its own route list — the OpenAPI document the running service
 * serves, plus the framework's routes — never from a hand-kept list. Every route must answer a
 * caller without a token, with another audience's token, with an expired token and with a valid
 * one lacking the right 401, 401, 401 and 403, except what {@link AuditAllowList} names (with why).
 * The gateway's door is its WebSocket: it accepts the upgrade, then closes with 4401 or 4403.
 * A route added to any service without a check fails this test ({@link RouteAuditTest} shows the
 * audit catching one).
 */
class EndpointAuditIT {

    /** Gateway's default clock skew (5 s) plus a margin: an expired token is refused only after it. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(7);

    private static SecuredStack stack;
    private static String sampleDoc;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/audit"));
        stack = new SecuredStack(root, logs, List.of());
        // a document that exists, owned by alice: the audit's callers have no grant on it
        sampleDoc = "audit-" + UUID.randomUUID();
        assertEquals(201, HttpProbe.status("POST", stack.auth().http() + "/documents/" + sampleDoc,
            RealmTokens.person("alice"), null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** The audited services: name, audience, base URL. */
    private static Map<String, Services.Instance> services() {
        Map<String, Services.Instance> services = new LinkedHashMap<>();
        services.put("auth", stack.auth());
        services.put("doc", stack.doc());
        services.put("persistence", stack.persistence());
        services.put("presence", stack.presence());
        services.put("gateway", stack.gateway());
        return services;
    }

    private static String audienceOf(String service) {
        return switch (service) {
            case "auth" -> SkeinRealm.AUTH_CLIENT;
            case "doc" -> SkeinRealm.DOC_CLIENT;
            case "persistence" -> SkeinRealm.PERSISTENCE_CLIENT;
            case "presence" -> SkeinRealm.PRESENCE_CLIENT;
            default -> SkeinRealm.GATEWAY_CLIENT;
        };
    }

    /** Values for path and query parameters: documents and principals that exist, none the callers' own. */
    private static Map<String, String> samples() {
        return Map.of("docId", sampleDoc, "id", sampleDoc, "doc", sampleDoc, "principal", "alice",
            "group", "editors", "format", "v1");
    }

    @Test
    void everyRouteOfEveryServiceRefusesWhoMayNotCallIt() {
        // every audience and every role, living 3 s: refused only because it expired
        String expired = RealmTokens.client("audit-expired", RealmTokens.AUDIENCES, RealmTokens.ALL_ROLES, 3);
        Instant expiry = TestClients.expiry(expired);
        // reads every OpenAPI document (doc-service and persistence-service want a role for it)
        String reader = RealmTokens.client("audit-reader", RealmTokens.AUDIENCES, RealmTokens.ALL_ROLES, 0);
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        services().forEach((name, instance) ->
            routes.put(name, RouteAudit.withFramework(OpenApiRoutes.of(instance.http(), reader, samples()))));
        for (String withApi : List.of("auth", "doc", "persistence", "presence")) {
            assertTrue(routes.get(withApi).size() > RouteAudit.FRAMEWORK.size(),
                withApi + " lists no route of its own: is its OpenAPI document served? " + routes.get(withApi));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiry.plus(EXPIRY_MARGIN)));
        List<String> findings = new ArrayList<>();
        services().forEach((name, instance) -> {
            String audience = audienceOf(name);
            RouteAudit.Tokens tokens = new RouteAudit.Tokens(
                RealmTokens.client("audit-wrong-audience-" + name, RealmTokens.allBut(audience), RealmTokens.ALL_ROLES, 0),
                expired,
                RealmTokens.client("audit-no-role-" + name, List.of(audience), List.of(), 0));
            findings.addAll(RouteAudit.audit(name, routes.get(name), tokens, AuditAllowList.ENTRIES,
                RouteAudit.Caller.of(instance.http())));
        });
        assertEquals(List.of(), findings, "open doors");
    }

    @Test
    void theGatewaysWebSocketRefusesWhoMayNotConnect() {
        String ws = stack.gateway().ws();
        String expired = RealmTokens.client("audit-ws-expired", RealmTokens.AUDIENCES, RealmTokens.ALL_ROLES, 3);
        Instant expiry = TestClients.expiry(expired);
        String wrongAudience = RealmTokens.client("audit-wrong-audience-gateway", RealmTokens.allBut(SkeinRealm.GATEWAY_CLIENT),
            RealmTokens.ALL_ROLES, 0);
        // valid for the gateway, but nobody gave carol (or a role-less account) a role on alice's document
        String carol = RealmTokens.person("carol");
        String noRole = RealmTokens.client("audit-no-role-gateway", List.of(SkeinRealm.GATEWAY_CLIENT), List.of(), 0);
        assertEquals(GatewayDoor.ADMITTED, GatewayDoor.withSubprotocol(ws, sampleDoc, RealmTokens.person("alice")),
            "the owner is admitted: the door works");
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiry.plus(EXPIRY_MARGIN)));
        assertEquals(4401, GatewayDoor.withoutToken(ws, sampleDoc));
        for (String token : List.of(wrongAudience, expired, "not-a-token")) {
            assertEquals(4401, GatewayDoor.withSubprotocol(ws, sampleDoc, token));
            assertEquals(4401, GatewayDoor.withQuery(ws, sampleDoc, token));
        }
        for (String token : List.of(carol, noRole)) {
            assertEquals(4403, GatewayDoor.withSubprotocol(ws, sampleDoc, token));
            assertEquals(4403, GatewayDoor.withQuery(ws, sampleDoc, token));
        }
    }

    @Test
    void everyAllowListEntrySaysWhy() {
        AuditAllowList.ENTRIES.forEach(entry -> assertFalse(entry.why().isBlank(), entry.toString()));
    }
}
