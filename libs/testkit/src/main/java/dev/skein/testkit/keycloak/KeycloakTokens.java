package dev.skein.testkit.keycloak;

import java.net.http.HttpResponse;

/**
 * Access tokens from one realm's token endpoint: the password grant (a person through a public
 * client with direct access grants) and the client-credentials grant (a service account).
 */
public final class KeycloakTokens {

    private final String issuer;

    /** Requests tokens from {@code issuer}, e.g. {@code http://127.0.0.1:PORT/realms/skein}. */
    public KeycloakTokens(String issuer) {
        this.issuer = issuer;
    }

    /** An access token for a user. */
    public String password(String clientId, String username, String password) {
        return accessToken(KeycloakServer.form("grant_type", "password", "client_id", clientId,
                "username", username, "password", password));
    }

    /** An access token for a confidential client's service account. */
    public String clientCredentials(String clientId, String secret) {
        return accessToken(KeycloakServer.form("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    private String accessToken(java.util.Map<String, String> form) {
        HttpResponse<String> response = KeycloakHttp.postForm(issuer + "/protocol/openid-connect/token", form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request for " + form.get("client_id") + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JsonFields.string(response.body(), "access_token")
                .orElseThrow(() -> new IllegalStateException("No access_token in " + response.body()));
    }
}
