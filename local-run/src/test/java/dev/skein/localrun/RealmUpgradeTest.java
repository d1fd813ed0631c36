package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.keycloak.KeycloakTokens;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.keycloak.SkeinRealm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A realm kept from before presence-service checked tokens (no skein-service role for the gateway
 * and presence accounts, no presence audience for people) is brought up to date, and applying the
 * upgrade again changes nothing.
 */
class RealmUpgradeTest {

    private static final String OLD = "skein-before-17";

    /** The realm file as it was: the new role mappings and audience mappers taken out. */
    private static String oldRealm() {
        String json = SkeinRealm.json().replace("\"realm\": \"skein\"", "\"realm\": \"" + OLD + "\"")
            .replace("\"serviceAccountClientId\": \"skein-gateway\", \"realmRoles\": [ \"skein-service\" ]",
                "\"serviceAccountClientId\": \"skein-gateway\"")
            .replace("\"serviceAccountClientId\": \"skein-presence\", \"realmRoles\": [ \"skein-service\" ]",
                "\"serviceAccountClientId\": \"skein-presence\"")
            .replace("\"serviceAccountClientId\": \"skein-doc\", \"realmRoles\": [ \"skein-service\" ]",
                "\"serviceAccountClientId\": \"skein-doc\"")
            .replaceAll("\\{\\s*\"name\": \"audience skein-presence\"[^{}]*\\{[^{}]*}\\s*},", "")
            .replaceAll("\\{\\s*\"name\": \"audience skein-doc\"[^{}]*\\{[^{}]*}\\s*},", "");
        // skein-presence's only mapper (audience skein-auth) goes with its whole list
        return json.replaceAll("(\"secret\": \"skein-presence-secret\",[^\\]]*?\"directAccessGrantsEnabled\": false),"
            + "\\s*\"protocolMappers\": \\[[^\\]]*]", "$1");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void aKeptRealmGetsWhatTheServicesNowExpect() {
        SharedKeycloak.admin().importRealm(oldRealm());
        KeycloakTokens tokens = new KeycloakTokens(SharedKeycloak.get().getBaseUrl() + "/realms/" + OLD);
        // the set-up is the old realm
        assertFalse(claims(tokens.clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET))
            .contains("\"skein-service\""));
        assertFalse(claims(tokens.clientCredentials(SkeinRealm.PRESENCE_CLIENT, SkeinRealm.PRESENCE_SECRET))
            .contains("\"skein-auth\""));
        assertFalse(claims(tokens.password(SkeinRealm.WEB_CLIENT, "alice", "alice")).contains("\"skein-presence\""));
        assertFalse(claims(tokens.password(SkeinRealm.WEB_CLIENT, "alice", "alice")).contains("\"skein-doc\""));
        assertFalse(claims(tokens.clientCredentials(SkeinRealm.DOC_CLIENT, SkeinRealm.DOC_SECRET))
            .contains("\"skein-service\""));

        RealmUpgrade upgrade = new RealmUpgrade(SharedKeycloak.admin(), OLD);
        upgrade.apply();
        upgrade.apply();

        String gateway = claims(tokens.clientCredentials(SkeinRealm.GATEWAY_CLIENT, SkeinRealm.GATEWAY_SECRET));
        assertTrue(gateway.contains("\"skein-service\""), gateway);
        String presence = claims(tokens.clientCredentials(SkeinRealm.PRESENCE_CLIENT, SkeinRealm.PRESENCE_SECRET));
        assertTrue(presence.contains("\"skein-service\"") && presence.contains("\"skein-auth\""), presence);
        String alice = claims(tokens.password(SkeinRealm.WEB_CLIENT, "alice", "alice"));
        assertTrue(alice.contains("\"skein-presence\"") && alice.contains("\"skein-doc\""), alice);
        String doc = claims(tokens.clientCredentials(SkeinRealm.DOC_CLIENT, SkeinRealm.DOC_SECRET));
        assertTrue(doc.contains("\"skein-service\"") && doc.contains("\"skein-auth\""), doc);
    }
}
