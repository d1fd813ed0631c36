package dev.skein.testkit.keycloak;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * Keycloak's admin REST API as an administrator of the master realm: realm import, and any other
 * call a test needs (e.g. adding a client with a short token lifespan).
 */
public final class KeycloakAdmin {

    private final String baseUrl;
    private final String username;
    private final String password;

    /** An admin client for the server at {@code baseUrl} ({@code http://127.0.0.1:PORT}). */
    public KeycloakAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * Creates a realm from its JSON representation (the format of a realm export).
     *
     * @throws IllegalStateException if Keycloak refuses it
     */
    public void importRealm(String realmJson) {
        call("POST", "/admin/realms", realmJson);
    }

    /**
     * Adds a client to a realm from its JSON representation.
     *
     * @throws IllegalStateException if Keycloak refuses it (for instance, it exists)
     */
    public void createClient(String realm, String clientJson) {
        call("POST", "/admin/realms/" + realm + "/clients", clientJson);
    }

    /**
     * Adds a confidential client with a service account to a realm, for tests that need a token
     * the realm file gives nobody (another audience, no role, a short lifespan).
     *
     * @param realm the realm
     * @param clientId the new client's id (unique in the realm)
     * @param secret its secret
     * @param audiences audiences its tokens carry (an audience mapper each)
     * @param realmRoles realm roles its service account gets
     * @param tokenLifespanSeconds lifespan of its access tokens; 0 for the realm's
     * @throws IllegalStateException if Keycloak refuses a call
     */
    public void createServiceClient(String realm, String clientId, String secret, List<String> audiences,
            List<String> realmRoles, int tokenLifespanSeconds) {
        StringBuilder mappers = new StringBuilder();
        for (String audience : audiences) {
            if (mappers.length() > 0) {
                mappers.append(',');
            }
            mappers.append("""
                    {"name": "audience %1$s", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                     "config": {"included.client.audience": "%1$s", "access.token.claim": "true",
                                "id.token.claim": "false"}}""".formatted(audience));
        }
        String attributes = tokenLifespanSeconds > 0
                ? "\"attributes\": {\"access.token.lifespan\": \"" + tokenLifespanSeconds + "\"}," : "";
        createClient(realm, """
                {"clientId": "%s", "publicClient": false, "clientAuthenticatorType": "client-secret", "secret": "%s",
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
                 %s "protocolMappers": [%s]}""".formatted(clientId, secret, attributes, mappers));
        if (realmRoles.isEmpty()) {
            return;
        }
        String clients = call("GET", "/admin/realms/" + realm + "/clients?clientId=" + clientId, null);
        String clientUuid = JsonFields.string(clients, "id")
                .orElseThrow(() -> new IllegalStateException("client " + clientId + " not found: " + clients));
        String user = call("GET", "/admin/realms/" + realm + "/clients/" + clientUuid + "/service-account-user", null);
        String userId = JsonFields.string(user, "id")
                .orElseThrow(() -> new IllegalStateException("no service account user: " + user));
        StringBuilder roles = new StringBuilder();
        for (String role : realmRoles) {
            String representation = call("GET", "/admin/realms/" + realm + "/roles/" + role, null);
            roles.append(roles.length() == 0 ? "" : ",").append(representation);
        }
        call("POST", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm", "[" + roles + "]");
    }

    /**
     * One admin call with a fresh administrator token.
     *
     * @param path below the base URL, e.g. {@code /admin/realms/skein/clients}
     * @param json the request body, or {@code null}
     * @return the response body
     * @throws IllegalStateException if the status is not 2xx
     */
    public String call(String method, String path, String json) {
        String token = new KeycloakTokens(baseUrl + "/realms/master").password("admin-cli", username, password);
        HttpResponse<String> response = KeycloakHttp.sendJson(method, baseUrl + path, token, json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
