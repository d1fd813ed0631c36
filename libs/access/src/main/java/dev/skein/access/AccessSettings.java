package dev.skein.access;

import java.time.Duration;
import java.util.Objects;

/**
 * What a service needs to ask auth-service for roles: where auth-service and the token endpoint
 * are, its own client credentials, and how long answers are reused. Each service fills it from
 * its own configuration ({@code skein.gateway.auth.*}, {@code skein.presence.auth.*}, ...).
 *
 * @param authServiceUrl base URL of auth-service, e.g. {@code http://auth-service:8085}
 * @param tokenUrl the OAuth token endpoint of the realm
 * @param clientId this service's client id (its service account holds {@code skein-service})
 * @param clientSecret that client's secret
 * @param requestTimeout timeout of one call to auth-service or to the token endpoint
 * @param roleCacheTtl how long a looked-up role is reused (ACL change events clear it at once)
 */
public record AccessSettings(String authServiceUrl, String tokenUrl, String clientId, String clientSecret,
        Duration requestTimeout, Duration roleCacheTtl) {

    /** Checks every field is given and drops trailing slashes of the URLs. */
    public AccessSettings {
        authServiceUrl = Objects.requireNonNull(authServiceUrl, "authServiceUrl").replaceAll("/+$", "");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(roleCacheTtl, "roleCacheTtl");
    }

    /** Keycloak's token endpoint of the realm whose issuer URL is {@code issuer}. */
    public static String keycloakTokenUrl(String issuer) {
        return issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token";
    }
}
