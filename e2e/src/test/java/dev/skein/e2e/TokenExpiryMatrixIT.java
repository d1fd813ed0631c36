package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The last row of the compatibility matrix ({@link StockClientMatrixIT}): tokens that expire while
 * clients edit. A real Keycloak issues tokens that live a few seconds, a real auth-service on
 * PostgreSQL holds the document's access list, the gateway closes each connection with 4401 when
 * its token expires. Every client kind then does what an application with that provider does (the
 * demo page does the same): on 4401 it signs in again, puts the new token in the provider's
 * {@code params} and connects if the provider stopped (y-websocket 3.1 stops on 44xx; 3.0 and 2.1
 * keep retrying by themselves). Nothing typed before, during or after the expiry is lost.
 */
class TokenExpiryMatrixIT {

    private static final String SHORT_CLIENT = "skein-web-matrix";
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static PostgresServer postgres;
    private static Services services;
    private static Services.Instance gateway;
    private static Services.Instance auth;
    private static YjsClients clients;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/token-matrix"));
        issuer = SharedKeycloak.issuer();
        SharedKeycloak.admin().createClient(SkeinRealm.NAME, """
                {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true,
                 "standardFlowEnabled": false, "attributes": {"access.token.lifespan": "4"},
                 "protocolMappers": [{"name": "audience", "protocol": "openid-connect",
                   "protocolMapper": "oidc-audience-mapper",
                   "config": {"included.client.audience": "skein-gateway", "access.token.claim": "true"}}]}
                """.formatted(SHORT_CLIENT));
        broker = KafkaBroker.start();
        postgres = PostgresServer.start();
        services = new Services(root, logs, broker.bootstrapServers());
        auth = services.authService("matrix-auth", postgres.reactiveUrl(), PostgresServer.USER, issuer);
        Services.Instance docService = services.docService("matrix-doc");
        Services.awaitReady(auth);
        gateway = services.gatewayWithAuth("matrix-gw", issuer, auth.http(), "-Dskein.gateway.auth.clock-skew=0s");
        Services.awaitReady(docService);
        Services.awaitReady(gateway);
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (services != null) {
            services.stopAll();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyClientKindSignsInAgainAfterItsTokenExpiredAndNothingIsLost() throws Exception {
        String doc = "matrix-expiry-" + UUID.randomUUID();
        createDocumentAs("alice", doc);
        YjsClients.SignIn alice = new YjsClients.SignIn(issuer + "/protocol/openid-connect/token", SHORT_CLIENT,
            "alice", "alice");
        List<String> names = new ArrayList<>();
        for (String kind : StockClientMatrixIT.KINDS) {
            String name = "expiry-" + kind;
            clients.open(name, gateway.ws(), doc, kind, alice);
            names.add(name);
        }
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.state(name).synced()));
        List<String> tokens = new ArrayList<>();
        insertTokens(names, "before", tokens);
        // tokens live 4 s: every connection is closed with 4401 at least once, and comes back
        await().atMost(CONVERGE).until(() -> names.stream().allMatch(name -> clients.state(name).closeCodes().contains(4401)));
        insertTokens(names, "after", tokens);
        await().atMost(CONVERGE).until(() -> {
            String first = clients.state(names.get(0)).text();
            return names.stream().allMatch(name -> clients.state(name).text().equals(first))
                && tokens.stream().allMatch(first::contains);
        });
        String text = clients.state(names.get(0)).text();
        for (String token : tokens) {
            assertEquals(text.indexOf(token), text.lastIndexOf(token), token + " is in the document once");
        }
        for (String name : names) {
            assertTrue(clients.state(name).closeCodes().stream().allMatch(code -> code == 4401 || code == 1006 || code == 1005),
                name + " was closed only for its token: " + clients.state(name).closeCodes());
        }
        names.forEach(clients::close);
    }

    private static void insertTokens(List<String> names, String phase, List<String> tokens) {
        for (String name : names) {
            String token = "[" + phase + ":" + name + "]";
            clients.insert(name, token);
            tokens.add(token);
        }
    }

    /** Creates the document in auth-service as {@code user}, who becomes its owner. */
    private static void createDocumentAs(String user, String doc) throws Exception {
        String token = SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(auth.http() + "/documents/" + doc))
            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}
