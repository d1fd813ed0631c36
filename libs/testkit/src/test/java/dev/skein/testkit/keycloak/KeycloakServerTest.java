package dev.skein.testkit.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Against the JVM's shared real Keycloak with the repository's skein realm. */
class KeycloakServerTest {

    @Test
    void userTokensCarryTheGatewayAudienceAndGroups() {
        String token = SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, "alice", "alice");
        String claims = payload(token);
        assertTrue(claims.contains("\"preferred_username\":\"alice\""), claims);
        assertTrue(claims.contains("\"skein-gateway\""), claims);
        assertTrue(claims.contains("\"skein-auth\""), claims);
        assertTrue(claims.contains("\"groups\":[\"editors\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"" + SharedKeycloak.issuer() + "\""), claims);
    }

    @Test
    void serviceAccountsGetClientCredentialsTokens() {
        String token = SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET);
        String claims = payload(token);
        assertTrue(claims.contains("\"preferred_username\":\"service-account-skein-gateway\""), claims);
        assertTrue(claims.contains("\"skein-auth\""), claims);
        String doc = payload(SharedKeycloak.tokens().clientCredentials(SkeinRealm.DOC_CLIENT, SkeinRealm.DOC_SECRET));
        assertTrue(doc.contains("service-account-skein-doc"), doc);
    }

    @Test
    void serviceRolesAndAudiencesGoToTheClientsThatNeedThem() {
        String backend = payload(SharedKeycloak.tokens().clientCredentials(SkeinRealm.BACKEND_CLIENT,
                SkeinRealm.BACKEND_SECRET));
        assertTrue(backend.contains("\"" + SkeinRealm.SERVICE_ROLE + "\""), backend);
        assertFalse(backend.contains("\"" + SkeinRealm.ADMIN_ROLE + "\""), backend);
        assertTrue(backend.contains("\"skein-doc\""), backend);
        String ops = payload(SharedKeycloak.tokens().clientCredentials(SkeinRealm.OPS_CLIENT, SkeinRealm.OPS_SECRET));
        assertTrue(ops.contains("\"" + SkeinRealm.ADMIN_ROLE + "\""), ops);
        assertFalse(ops.contains("\"" + SkeinRealm.SERVICE_ROLE + "\""), ops);
        assertTrue(ops.contains("\"skein-persistence\"") && ops.contains("\"skein-doc\""), ops);
        String alice = payload(SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, "alice", "alice"));
        assertFalse(alice.contains(SkeinRealm.SERVICE_ROLE) || alice.contains(SkeinRealm.ADMIN_ROLE), alice);
        // The gateway and presence-service are services for auth-service and presence-service
        // (the role), but doc-service does not take their tokens (no audience skein-doc).
        String gateway = payload(SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT,
                SkeinRealm.GATEWAY_SECRET));
        assertTrue(gateway.contains("\"" + SkeinRealm.SERVICE_ROLE + "\"") && gateway.contains("\"skein-auth\"")
                && gateway.contains("\"skein-presence\""), gateway);
        assertFalse(gateway.contains("\"skein-doc\"") || gateway.contains(SkeinRealm.ADMIN_ROLE), gateway);
        String presence = payload(SharedKeycloak.tokens().clientCredentials(SkeinRealm.PRESENCE_CLIENT,
                SkeinRealm.PRESENCE_SECRET));
        assertTrue(presence.contains("\"" + SkeinRealm.SERVICE_ROLE + "\"") && presence.contains("\"skein-auth\""), presence);
        assertFalse(presence.contains("\"skein-doc\""), presence);
        assertTrue(alice.contains("\"skein-presence\""), alice);
    }

    @Test
    void throwawayClientsGetTheRolesAudiencesAndLifespanAsked() {
        String token = TestClients.token("testkit-short", java.util.List.of("skein-doc"),
                java.util.List.of(SkeinRealm.SERVICE_ROLE), 5);
        String claims = payload(token);
        assertTrue(claims.contains("\"" + SkeinRealm.SERVICE_ROLE + "\"") && claims.contains("\"skein-doc\""), claims);
        assertTrue(TestClients.expiry(token).isBefore(java.time.Instant.now().plusSeconds(10)), claims);
        // asking again reuses the client
        payload(TestClients.token("testkit-short", java.util.List.of("skein-doc"), java.util.List.of(), 5));
        assertTrue(payload(TestClients.tampered(token)).contains("\"exp\""));
    }

    @Test
    void wrongPasswordsAndSecretsAreRefused() {
        assertThrows(IllegalStateException.class,
                () -> SharedKeycloak.tokens().password(SkeinRealm.WEB_CLIENT, "alice", "wrong"));
        assertThrows(IllegalStateException.class,
                () -> SharedKeycloak.tokens().clientCredentials(SkeinRealm.GATEWAY_CLIENT, "wrong"));
    }

    @Test
    void sharedServerIsOnePerJvmAndTheTestResourceNamesItsIssuer() {
        assertEquals(SharedKeycloak.get().getPort(), SharedKeycloak.get().getPort());
        assertEquals(SharedKeycloak.issuer(),
                new KeycloakTestResource().start().get(KeycloakTestResource.ISSUER_PROPERTY));
        assertTrue(SharedKeycloak.admin().call("GET", "/admin/realms/skein/clients?clientId=skein-web", null)
                .contains("\"publicClient\":true"));
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
