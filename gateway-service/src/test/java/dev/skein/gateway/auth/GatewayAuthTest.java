package dev.skein.gateway.auth;

import dev.skein.testkit.auth.AuthServiceStub;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.access.RoleLookup;
import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.ycrdt.protocol.AuthMessage;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connection authentication and authorisation with real Keycloak tokens and real ACL change
 * events on Kafka; roles come from {@link AuthServiceStub}.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class GatewayAuthTest {

    private static final byte[] EMPTY_STATE_VECTOR = {0};
    private static final AuthMessage DENIED = new AuthMessage(PermissionDenied.READ_ONLY);
    /** A public client like the demo page's whose tokens live three seconds. */
    private static final String SHORT_CLIENT = "skein-web-short";
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger(1000);
    private static volatile boolean shortClientCreated;

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    RoleLookup roles;

    @ConfigProperty(name = AuthProfile.AUTH_SERVICE_URL_KEY)
    String stubUrl;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
        docService.answering(true);
    }

    private static String newDoc() {
        return "doc-" + UUID.randomUUID();
    }

    private static String token(String user) {
        return SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, user, user);
    }

    private static byte[] update(String text) {
        return TestUpdates.text(CLIENT_IDS.incrementAndGet(), 0, text);
    }

    /** Sets a grant in the stub, which publishes the change on the ACL topic before answering. */
    private void grant(String doc, String principal, String role) throws Exception {
        String query = "doc=" + enc(doc) + "&principal=" + enc(principal) + "&role=" + role;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stubUrl + "/stub/grants?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
    }

    /** Calls one of the stub's controls ({@code /stub/hold}, {@code /stub/release}, {@code /stub/held}). */
    private String stub(String control, String doc) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stubUrl + "/stub/" + control + "?doc=" + enc(doc)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(control.equals("held")
                ? request.GET().build() : request.POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, response.toString());
        return response.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private boolean produced(String doc, byte[] update) {
        return docService.updatesOf(doc).stream().anyMatch(u -> Arrays.equals(u, update));
    }

    @Test
    void connectionsWithoutAValidTokenAreClosedWith4401() {
        String doc = newDoc();
        try (AuthWsClient none = AuthWsClient.anonymous(base, doc);
                AuthWsClient garbage = AuthWsClient.withSubprotocol(base, doc, "not.a.token");
                AuthWsClient forged = AuthWsClient.withSubprotocol(base, doc, forge(token("alice")))) {
            assertEquals(CloseCodes.UNAUTHORIZED, none.awaitCloseCode(Duration.ofSeconds(10)));
            assertEquals(CloseCodes.UNAUTHORIZED, garbage.awaitCloseCode(Duration.ofSeconds(10)));
            assertEquals(CloseCodes.UNAUTHORIZED, forged.awaitCloseCode(Duration.ofSeconds(10)));
        }
    }

    @Test
    void tokensForAnotherAudienceAreClosedWith4401() throws Exception {
        String doc = newDoc();
        grant(doc, "service-account-skein-doc", "write");
        // doc-service's service account carries the skein-auth audience only.
        String docServiceToken = SharedKeycloak.tokens().clientCredentials(SkeinRealm.DOC_CLIENT, SkeinRealm.DOC_SECRET);
        try (AuthWsClient client = AuthWsClient.withSubprotocol(base, doc, docServiceToken)) {
            assertEquals(CloseCodes.UNAUTHORIZED, client.awaitCloseCode(Duration.ofSeconds(10)));
        }
    }

    @Test
    void tokensOfAnotherIssuerAreClosedWith4401() throws Exception {
        String doc = newDoc();
        grant(doc, "admin", "write");
        // a genuine token of the same Keycloak, but of its master realm: another issuer, other keys
        String master = SharedKeycloak.issuer().replace("/realms/" + SkeinRealm.NAME, "/realms/master");
        String foreign = new dev.skein.testkit.keycloak.KeycloakTokens(master)
                .password("admin-cli", dev.skein.testkit.keycloak.KeycloakServer.ADMIN,
                        dev.skein.testkit.keycloak.KeycloakServer.ADMIN);
        try (AuthWsClient client = AuthWsClient.withSubprotocol(base, doc, foreign)) {
            assertEquals(CloseCodes.UNAUTHORIZED, client.awaitCloseCode(Duration.ofSeconds(10)));
        }
    }

    @Test
    void expiredTokensAreRefusedAndLiveConnectionsCloseWith4401WhenTheirTokenExpires() throws Exception {
        String doc = newDoc();
        grant(doc, "alice", "write");
        String expired = shortToken("alice");
        Instant expiry = expiry(expired);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusMillis(500)));
        try (AuthWsClient late = AuthWsClient.withSubprotocol(base, doc, expired)) {
            assertEquals(CloseCodes.UNAUTHORIZED, late.awaitCloseCode(Duration.ofSeconds(10)));
        }
        String fresh = shortToken("alice");
        try (AuthWsClient live = AuthWsClient.withSubprotocol(base, doc, fresh)) {
            live.send(new SyncStep1(EMPTY_STATE_VECTOR));
            live.awaitMessage(m -> m instanceof SyncStep2);
            assertFalse(live.isClosed());
            assertEquals(CloseCodes.UNAUTHORIZED, live.awaitCloseCode(Duration.ofSeconds(10)));
            assertTrue(Instant.now().isAfter(expiry(fresh)), "closed at expiry, not before");
        }
    }

    @Test
    void anAuthorizationHeaderIsNeitherACredentialNorARefusal() throws Exception {
        String doc = newDoc();
        grant(doc, "alice", "write");
        String alice = token("alice");
        // quarkus-oidc authenticates no HTTP request on its own: a bad header changes nothing ...
        try (AuthWsClient client = AuthWsClient.withAuthorizationHeader(base, doc, "Bearer not.a.token", alice)) {
            client.send(new SyncStep1(EMPTY_STATE_VECTOR));
            client.awaitMessage(m -> m instanceof SyncStep2);
            assertFalse(client.isClosed());
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/health/live"))
                .header("Authorization", "Bearer not.a.token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        // ... and a good one is no way in: the token counts only as a subprotocol or in the query
        try (AuthWsClient client = AuthWsClient.withAuthorizationHeader(base, doc, "Bearer " + alice, null)) {
            assertEquals(CloseCodes.UNAUTHORIZED, client.awaitCloseCode(Duration.ofSeconds(10)));
        }
    }

    @Test
    void usersWithoutAccessAreClosedWith4403AndGroupGrantsCount() throws Exception {
        String doc = newDoc();
        grant(doc, "group:editors", "read");
        try (AuthWsClient carol = AuthWsClient.withSubprotocol(base, doc, token("carol"));
                AuthWsClient bob = AuthWsClient.withQuery(base, doc, token("bob"))) {
            assertEquals(CloseCodes.FORBIDDEN, carol.awaitCloseCode(Duration.ofSeconds(10)));
            bob.send(new SyncStep1(EMPTY_STATE_VECTOR));
            bob.awaitMessage(m -> m instanceof SyncStep2);
            assertFalse(bob.isClosed());
        }
    }

    @Test
    void readersSyncAndReceiveButTheirUpdatesAreDroppedWithPermissionDenied() throws Exception {
        String doc = newDoc();
        grant(doc, "bob", "read");
        grant(doc, "alice", "write");
        byte[] bobs = update("bob");
        byte[] alices = update("alice");
        try (AuthWsClient bob = AuthWsClient.withSubprotocol(base, doc, token("bob"));
                AuthWsClient alice = AuthWsClient.withSubprotocol(base, doc, token("alice"))) {
            bob.send(new SyncStep1(EMPTY_STATE_VECTOR));
            bob.awaitMessage(m -> m instanceof SyncStep2);
            bob.send(new SyncUpdate(bobs));
            bob.awaitMessage(DENIED::equals);
            // alice's update follows bob's into the same partition: once it is there, bob's would be too.
            alice.send(new SyncUpdate(alices));
            await().atMost(Duration.ofSeconds(20)).until(() -> produced(doc, alices));
            assertFalse(produced(doc, bobs), "a reader's update must not reach Kafka");
            assertEquals(List.of("alice"), docService.principalsOf(doc), "updates name who made them");
            bob.awaitMessage(m -> m.equals(new SyncUpdate(alices)));
            assertFalse(bob.isClosed());
        }
    }

    @Test
    void aGrantRevokedWhileConnectedClosesWith4403WithinASecond() throws Exception {
        String doc = newDoc();
        grant(doc, "alice", "write");
        try (AuthWsClient alice = AuthWsClient.withSubprotocol(base, doc, token("alice"))) {
            alice.send(new SyncStep1(EMPTY_STATE_VECTOR));
            alice.awaitMessage(m -> m instanceof SyncStep2);
            grant(doc, "alice", "none");
            assertEquals(CloseCodes.FORBIDDEN, alice.awaitCloseCode(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aDowngradeToReadDropsFurtherUpdates() throws Exception {
        String doc = newDoc();
        grant(doc, "alice", "write");
        grant(doc, "bob", "write");
        byte[] before = update("before");
        try (AuthWsClient alice = AuthWsClient.withSubprotocol(base, doc, token("alice"));
                AuthWsClient bob = AuthWsClient.withSubprotocol(base, doc, token("bob"))) {
            alice.send(new SyncUpdate(before));
            await().atMost(Duration.ofSeconds(20)).until(() -> produced(doc, before));
            grant(doc, "alice", "read");
            await().atMost(Duration.ofSeconds(1)).until(() -> {
                alice.send(new SyncUpdate(update("probe")));
                return alice.received().contains(DENIED);
            });
            byte[] after = update("after");
            byte[] marker = update("marker");
            alice.send(new SyncUpdate(after));
            bob.send(new SyncUpdate(marker));
            await().atMost(Duration.ofSeconds(20)).until(() -> produced(doc, marker));
            assertFalse(produced(doc, after), "updates after the downgrade must not reach Kafka");
            assertFalse(alice.isClosed());
        }
    }

    @Test
    void aRevocationArrivingWhileTheRoleIsBeingLookedUpIsNotLost() throws Exception {
        String doc = newDoc();
        grant(doc, "alice", "write");
        stub("hold", doc);
        String token = token("alice");
        // The upgrade may wait for admission: connect on another thread.
        CompletableFuture<AuthWsClient> connecting =
                CompletableFuture.supplyAsync(() -> AuthWsClient.withSubprotocol(base, doc, token));
        try {
            // auth-service has answered "write" but the answer is still on its way ...
            await().atMost(Duration.ofSeconds(10)).until(() -> !stub("held", doc).equals("0"));
            long before = roles.generation(doc);
            // ... when the grant is revoked and the gateway has the event.
            grant(doc, "alice", "none");
            await().atMost(Duration.ofSeconds(10)).until(() -> roles.generation(doc) != before);
        } finally {
            stub("release", doc);
        }
        try (AuthWsClient alice = connecting.get(20, TimeUnit.SECONDS)) {
            assertEquals(CloseCodes.FORBIDDEN, alice.awaitCloseCode(Duration.ofSeconds(10)));
        }
    }

    /** A token of {@link #SHORT_CLIENT}, which is created on first use. */
    private static String shortToken(String user) {
        if (!shortClientCreated) {
            SharedKeycloak.admin().createClient(SkeinRealm.NAME, """
                    {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true,
                     "standardFlowEnabled": false, "attributes": {"access.token.lifespan": "3"},
                     "protocolMappers": [{"name": "audience", "protocol": "openid-connect",
                       "protocolMapper": "oidc-audience-mapper",
                       "config": {"included.client.audience": "skein-gateway", "access.token.claim": "true"}}]}
                    """.formatted(SHORT_CLIENT));
            shortClientCreated = true;
        }
        return SharedKeycloak.tokens().password(SHORT_CLIENT, user, user);
    }

    private static Instant expiry(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"exp\":(\\d+)").matcher(payload);
        assertTrue(m.find(), payload);
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
    }

    /** The same claims with the signature of another token: a forgery. */
    private static String forge(String jwt) {
        String[] parts = jwt.split("\\.");
        String other = token("bob").split("\\.")[2];
        return parts[0] + "." + parts[1] + "." + other;
    }
}
