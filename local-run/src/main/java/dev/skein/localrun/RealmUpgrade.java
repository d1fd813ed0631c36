package dev.skein.localrun;

import dev.skein.testkit.keycloak.KeycloakAdmin;
import dev.skein.testkit.keycloak.SkeinRealm;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a realm kept from an earlier run (the data folder keeps Keycloak's database, and the realm
 * file is imported only when the realm is missing) up to what the services now expect of it, with
 * idempotent admin calls: the gateway's, presence-service's and doc-service's service accounts hold
 * the realm role {@code skein-service} (auth-service and presence-service recognise services by
 * it), people's tokens carry the audiences {@code skein-presence} and {@code skein-doc} (doc-service
 * lets people read and edit by their role on the document), presence-service's the audience
 * {@code skein-auth}.
 */
final class RealmUpgrade {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final KeycloakAdmin admin;
    private final String realm;

    /** Upgrades the realm {@code realmName} (the local run's: {@link SkeinRealm#NAME}). */
    RealmUpgrade(KeycloakAdmin admin, String realmName) {
        this.admin = admin;
        this.realm = "/admin/realms/" + realmName;
    }

    /** Applies every step; each changes nothing when the realm has it already. */
    void apply() {
        serviceRole(SkeinRealm.GATEWAY_CLIENT);
        serviceRole(SkeinRealm.PRESENCE_CLIENT);
        serviceRole(SkeinRealm.DOC_CLIENT);
        audience(SkeinRealm.WEB_CLIENT, SkeinRealm.PRESENCE_CLIENT);
        audience(SkeinRealm.WEB_CLIENT, SkeinRealm.DOC_CLIENT);
        audience(SkeinRealm.PRESENCE_CLIENT, SkeinRealm.AUTH_CLIENT);
    }

    private void serviceRole(String clientId) {
        String user = admin.call("GET", realm + "/clients/" + clientUuid(clientId) + "/service-account-user", null);
        String role = admin.call("GET", realm + "/roles/" + SkeinRealm.SERVICE_ROLE, null);
        // adding a mapping the user has already is accepted and changes nothing
        admin.call("POST", realm + "/users/" + id(user) + "/role-mappings/realm", "[" + role + "]");
    }

    private void audience(String clientId, String audience) {
        String uuid = clientUuid(clientId);
        String mappers = admin.call("GET", realm + "/clients/" + uuid + "/protocol-mappers/models", null);
        if (mappers.contains("\"included.client.audience\":\"" + audience + "\"")) {
            return;
        }
        admin.call("POST", realm + "/clients/" + uuid + "/protocol-mappers/models", """
                {"name": "audience %1$s", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                 "config": {"included.client.audience": "%1$s", "access.token.claim": "true", "id.token.claim": "false"}}"""
                .formatted(audience));
    }

    private String clientUuid(String clientId) {
        return id(admin.call("GET", realm + "/clients?clientId=" + clientId, null));
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
