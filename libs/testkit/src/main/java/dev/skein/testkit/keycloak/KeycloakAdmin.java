package dev.skein.testkit.keycloak;

import java.net.http.HttpResponse;

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
