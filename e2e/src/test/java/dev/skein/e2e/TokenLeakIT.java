package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.keycloak.TestClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Tokens never reach a log or a metric. All five services run with authentication and with the
 * access log on ({@code quarkus.http.access-log.enabled=true}, each service's own default
 * pattern); stock y-websocket clients connect with {@code ?token=} (what the provider's
 * {@code params} does), raw clients with the subprotocol and with the query, with valid, expired,
 * tampered, other-audience, garbage and role-less tokens, and every service's REST API gets bearer
 * tokens of every kind. Then every service's metrics and, after the services stopped, every
 * service's log are searched for any token: each one used by the test, and anything that looks
 * like a JWT at all (the clients' own sign-ins are not known to the test). A second gateway with
 * {@code skein.gateway.auth.query-parameter-tokens=false} refuses a query token with 4401.
 */
class TokenLeakIT {

    /** Base64url of {@code {"alg} and {@code {"typ}: how every JWT (the header) begins. */
    private static final List<String> JWT_STARTS = List.of("eyJhbGci", "eyJ0eXAi", "eyJraWQi");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SecuredStack stack;
    private static Services.Instance subprotocolOnly;
    private static YjsClients clients;
    private static Path logs;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/token-leak"));
        // log files are appended to: an earlier run's lines must not count
        try (var old = Files.list(logs)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.delete(file);
            }
        }
        // access log on, and the auth code's debug messages too: not even they may quote a token
        stack = new SecuredStack(root, logs, List.of("-Dquarkus.http.access-log.enabled=true",
            "-Dquarkus.log.category.\"dev.skein\".level=DEBUG", "-Dquarkus.log.category.\"io.quarkus.oidc\".level=DEBUG"));
        subprotocolOnly = stack.extraGateway("gateway-no-query", "-Dskein.gateway.auth.query-parameter-tokens=false");
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void noTokenReachesAnyLogOrMetricOfAnyService() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        String doc = "leak-" + UUID.randomUUID();
        String alice = remember(secrets, "alice", RealmTokens.person("alice"));
        assertEquals(201, HttpProbe.status("POST", stack.auth().http() + "/documents/" + doc, alice, null, null));
        String expired = remember(secrets, "expired",
            RealmTokens.client("leak-expired", RealmTokens.AUDIENCES, RealmTokens.ALL_ROLES, 3));
        Instant expiry = TestClients.expiry(expired);
        String tampered = remember(secrets, "tampered", TestClients.tampered(RealmTokens.person("bob")));
        String otherAudience = remember(secrets, "other-audience",
            SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET));
        String garbage = remember(secrets, "garbage", "not-a-token-" + UUID.randomUUID());
        String carol = remember(secrets, "carol", RealmTokens.person("carol"));
        String service = remember(secrets, "gateway-service", RealmTokens.gatewayService());
        String ops = remember(secrets, "operator",
            SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET));

        // stock y-websocket providers sign in themselves and send ?token=
        YjsClients.SignIn signIn = new YjsClients.SignIn(stack.issuer() + "/protocol/openid-connect/token",
            SkeinRealm.WEB_CLIENT, "alice", "alice");
        clients.openSignedIn("leak-yws-1", stack.gateway().ws(), doc, signIn);
        clients.openSignedIn("leak-yws-2", stack.gateway().ws(), doc, signIn);
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.state("leak-yws-1").synced()
            && clients.state("leak-yws-2").synced());
        clients.insert("leak-yws-1", "typed with a query token");
        await().atMost(Duration.ofSeconds(30)).until(() -> clients.state("leak-yws-2").text().contains("query token"));

        String ws = stack.gateway().ws();
        assertEquals(GatewayDoor.ADMITTED, GatewayDoor.withSubprotocol(ws, doc, alice));
        assertEquals(GatewayDoor.ADMITTED, GatewayDoor.withQuery(ws, doc, alice));
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiry.plusSeconds(7)));
        for (String refused : List.of(expired, tampered, otherAudience, garbage)) {
            assertEquals(4401, GatewayDoor.withSubprotocol(ws, doc, refused));
            assertEquals(4401, GatewayDoor.withQuery(ws, doc, refused));
        }
        assertEquals(4403, GatewayDoor.withSubprotocol(ws, doc, carol));
        assertEquals(4403, GatewayDoor.withQuery(ws, doc, carol));
        // query tokens turned off: the same valid token counts only as a subprotocol
        assertEquals(4401, GatewayDoor.withQuery(subprotocolOnly.ws(), doc, alice));
        assertEquals(GatewayDoor.ADMITTED, GatewayDoor.withSubprotocol(subprotocolOnly.ws(), doc, alice));
        // not an upgrade: an HTTP request the access log records, query and all
        for (String token : List.of(alice, garbage)) {
            HttpProbe.get(stack.gateway().http() + "/ws/" + doc + "?token=" + token, null);
        }

        Map<Services.Instance, List<String>> restRoutes = new LinkedHashMap<>();
        restRoutes.put(stack.auth(), List.of("/documents", "/documents/" + doc + "/grants"));
        restRoutes.put(stack.doc(), List.of("/docs/" + doc, "/q/openapi"));
        restRoutes.put(stack.persistence(), List.of("/admin/docs/" + doc + "/objects"));
        restRoutes.put(stack.presence(), List.of("/docs/" + doc + "/presence", "/presence/users/alice"));
        restRoutes.forEach((instance, paths) -> {
            for (String path : paths) {
                for (String token : List.of(alice, service, ops, expired, tampered, otherAudience, garbage, carol)) {
                    HttpProbe.get(instance.http() + path, token);
                    // a token in a query string is no credential for these APIs, but must not be logged either
                    HttpProbe.get(instance.http() + path + (path.contains("?") ? "&" : "?") + "token=" + token, null);
                }
            }
        });

        Map<String, String> metrics = new LinkedHashMap<>();
        for (Services.Instance instance : allServices()) {
            metrics.put(instance.name() + " /q/metrics", fetch(instance.http() + "/q/metrics"));
        }
        clients.close("leak-yws-1");
        clients.close("leak-yws-2");
        stack.stopServices();

        List<String> leaks = new ArrayList<>();
        metrics.forEach((where, text) -> leaks.addAll(leaks(where, text, secrets)));
        Map<String, String> logTexts = new LinkedHashMap<>();
        for (Services.Instance instance : allServices()) {
            String text = Files.readString(logs.resolve(instance.name() + ".log"));
            logTexts.put(instance.name(), text);
            leaks.addAll(leaks(instance.name() + ".log", text, secrets));
        }
        assertEquals(List.of(), leaks, "tokens in logs or metrics");

        // and the access log did record the requests (so there was something to leak into); Quarkus
        // logs no line for a WebSocket upgrade, so the gateway's /ws line is the plain GET's
        assertAccessLogged(logTexts.get("gateway"), "GET /ws/" + doc);
        assertAccessLogged(logTexts.get("gateway-no-query"), "GET /q/health/ready");
        assertAccessLogged(logTexts.get("auth"), "GET /documents");
        assertAccessLogged(logTexts.get("doc"), "GET /docs/" + doc);
        assertAccessLogged(logTexts.get("persistence"), "GET /admin/docs/" + doc + "/objects");
        assertAccessLogged(logTexts.get("presence"), "GET /docs/" + doc + "/presence");
    }

    private static void assertAccessLogged(String log, String request) {
        assertTrue(log.contains("[io.quarkus.http.access-log]") && log.contains("\"" + request + " HTTP/"),
            "access log line of " + request);
    }

    private static List<Services.Instance> allServices() {
        List<Services.Instance> all = new ArrayList<>(stack.all());
        all.add(subprotocolOnly);
        return all;
    }

    private static String remember(Map<String, String> secrets, String label, String token) {
        secrets.put(label, token);
        return token;
    }

    /**
     * Where {@code text} holds a secret (the whole token, its payload or its signature) or anything
     * that starts like a JWT; reported by label and with the line up to it, never the secret itself.
     */
    private static List<String> leaks(String where, String text, Map<String, String> secrets) {
        List<String> found = new ArrayList<>();
        secrets.forEach((label, secret) -> {
            String[] segments = secret.split("\\.");
            List<String> parts = segments.length == 3 ? List.of(secret, segments[1], segments[2]) : List.of(secret);
            if (parts.stream().anyMatch(text::contains)) {
                found.add(where + " holds the " + label + " token");
            }
        });
        for (String start : JWT_STARTS) {
            int at = text.indexOf(start);
            if (at >= 0) {
                int lineStart = text.lastIndexOf('\n', at) + 1;
                found.add(where + " holds a JWT: " + text.substring(lineStart, at) + "<JWT>");
            }
        }
        return found;
    }

    private static String fetch(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
