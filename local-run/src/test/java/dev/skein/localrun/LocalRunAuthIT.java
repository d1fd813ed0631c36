package dev.skein.localrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.keycloak.KeycloakTokens;
import dev.skein.testkit.keycloak.SkeinRealm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local run with authentication, as it starts by default on a machine with a JDK 21+ and
 * PostgreSQL: Keycloak with the skein realm, PostgreSQL, auth-service, gateways that refuse
 * connections without a token, doc-service and persistence-service that check tokens of the same
 * realm; the editor page is told how to sign in; SIGTERM stops it all, and a restart on the same
 * data folder keeps the realm and the access lists.
 */
class LocalRunAuthIT {

    private static final int EXIT_STATUS_SIGTERM = 143;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final int CLOSE_UNAUTHORIZED = 4401;

    /** In /tmp and open to others: PostgreSQL, run as its own user when tests run as root, must reach it. */
    private Path dataDir;

    private LauncherProcess launcher;
    private final HttpClient http = HttpClient.newHttpClient();

    @org.junit.jupiter.api.BeforeEach
    void dataFolder() throws java.io.IOException {
        dataDir = java.nio.file.Files.createTempDirectory("skein-localrun-auth-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void killLeftovers() {
        if (launcher != null) {
            launcher.close();
        }
        dev.skein.testkit.fs.Directories.deleteRecursively(dataDir);
    }

    @Test
    void startsKeycloakPostgresAndAuthServiceAndTheGatewaysCheckTokens() throws Exception {
        launcher = LauncherProcess.startWithAuth(dataDir, TestSettings.outputDir());
        LauncherProcess.ReadyLine ready = launcher.awaitReady();
        assertTrue(ready.withAuth(), "the ready line names Keycloak and auth-service: " + launcher.describe());
        String stderr = launcher.stderr();
        for (String component : List.of("postgres ready", "keycloak ready", "auth-service ready", "doc-service ready",
                "persistence-service ready", "presence-service ready", "gateway-service ready", "gateway-service-2 ready")) {
            assertTrue(stderr.contains(component), component + ": " + stderr);
        }
        String issuer = ready.keycloakUrl() + "/realms/" + SkeinRealm.NAME;
        String editorOrigin = "http://127.0.0.1:" + ready.editorPort();

        // The page learns where to sign in and where the sharing API is.
        String config = get(ready.editorUrl() + "config.json", null).body();
        String presenceUrl = "http://127.0.0.1:" + port(stderr, "presence-service");
        assertTrue(config.contains("\"auth\":{\"issuer\":\"" + issuer + "\",\"clientId\":\"skein-web\",\"authServiceUrl\":\""
                + ready.authUrl() + "\",\"presenceUrl\":\"" + presenceUrl + "\",\"exampleUsers\":[\"alice\",\"bob\",\"carol\"]"),
                config);

        // An example user signs in with the password grant; Keycloak lets the page's origin read the answer.
        HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Origin", editorOrigin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=skein-web&username=alice&password=alice"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        assertEquals(editorOrigin, tokenResponse.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "CORS for the page's origin at Keycloak's token endpoint");
        String alice = new KeycloakTokens(issuer).password(SkeinRealm.WEB_CLIENT, "alice", "alice");

        // auth-service (PostgreSQL behind it) creates a document for her and answers the page's origin.
        String doc = "auth-it-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(ready.authUrl() + "/documents/" + doc))
                .header("Authorization", "Bearer " + alice).header("Origin", editorOrigin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(editorOrigin, created.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "CORS for the page's origin at auth-service");
        assertTrue(get(ready.authUrl() + "/documents/" + doc + "/role", alice).body().contains("\"role\":\"owner\""));

        // doc-service and persistence-service check tokens of the same realm: none is refused,
        // a service account with the right role is let in.
        String docUrl = "http://127.0.0.1:" + port(stderr, "doc-service") + "/docs/" + doc;
        assertEquals(401, get(docUrl, null).statusCode(), "doc-service without a token");
        String backend = new KeycloakTokens(issuer).clientCredentials(SkeinRealm.BACKEND_CLIENT, SkeinRealm.BACKEND_SECRET);
        int withToken = get(docUrl, backend).statusCode();
        assertTrue(withToken != 401 && withToken != 403, "doc-service with skein-backend's token: " + withToken);
        String adminUrl = "http://127.0.0.1:" + port(stderr, "persistence-service") + "/admin/docs/" + doc + "/objects";
        assertEquals(401, get(adminUrl, null).statusCode(), "persistence-service without a token");

        // presence-service checks tokens too: alice sees her document's presence (from the page's
        // origin), bob, without a grant, does not.
        String presenceOfDoc = presenceUrl + "/docs/" + doc + "/presence";
        assertEquals(401, get(presenceOfDoc, null).statusCode(), "presence-service without a token");
        HttpResponse<String> here = http.send(HttpRequest.newBuilder(URI.create(presenceOfDoc))
                .header("Authorization", "Bearer " + alice).header("Origin", editorOrigin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, here.statusCode(), here.body());
        assertEquals(editorOrigin, here.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "CORS for the page's origin at presence-service");
        String bob = new KeycloakTokens(issuer).password(SkeinRealm.WEB_CLIENT, "bob", "bob");
        assertEquals(403, get(presenceOfDoc, bob).statusCode(), "presence-service for bob, who has no grant");

        // Both gateways refuse a connection without a token with 4401.
        assertEquals(CLOSE_UNAUTHORIZED, closeCodeWithoutToken(ready.gatewayUrl() + "/" + doc));
        assertEquals(CLOSE_UNAUTHORIZED, closeCodeWithoutToken(ready.gateway2Url() + "/" + doc));

        List<ProcessHandle> children = launcher.descendants();
        launcher.sigterm();

        assertEquals(EXIT_STATUS_SIGTERM, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
        await("every child of the launcher ends").atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        String stopped = launcher.stderr();
        for (String component : List.of("auth-service stopped", "keycloak stopped", "postgres stopped", "kafka stopped")) {
            assertTrue(stopped.contains(component), component + ": " + stopped);
        }

        // Started again on the same data folder: the realm, its users and alice's document are still there.
        org.junit.jupiter.api.Assumptions.assumeTrue(stopped.contains("(data in "),
                "PostgreSQL could not keep its data in " + dataDir + " on this machine: " + stopped);
        launcher = LauncherProcess.startWithAuth(dataDir, TestSettings.outputDir());
        LauncherProcess.ReadyLine again = launcher.awaitReady();
        String issuerAgain = again.keycloakUrl() + "/realms/" + SkeinRealm.NAME;
        String aliceAgain = new KeycloakTokens(issuerAgain).password(SkeinRealm.WEB_CLIENT, "alice", "alice");
        String mine = get(again.authUrl() + "/documents", aliceAgain).body();
        assertTrue(mine.contains("{\"docId\":\"" + doc + "\",\"role\":\"owner\"}"), "after a restart: " + mine);
    }

    /** The port of a service from its progress line ({@code doc-service ready on http://127.0.0.1:PORT}). */
    private static int port(String stderr, String service) {
        Matcher m = Pattern.compile(Pattern.quote(service) + " ready on http://127\\.0\\.0\\.1:(\\d+)").matcher(stderr);
        assertTrue(m.find(), service + ": " + stderr);
        return Integer.parseInt(m.group(1));
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a WebSocket without a token and returns the close code the gateway sends. */
    private int closeCodeWithoutToken(String url) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).get(30, TimeUnit.SECONDS);
        try {
            return closed.get(30, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }
}
