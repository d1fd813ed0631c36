package dev.skein.auth.caller;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Caller} of the current request. Whether it is a service is decided by a realm role
 * ({@code skein.auth.service-role}, default {@code skein-service}, read from
 * {@code realm_access.roles}), as everywhere else in Skein; Keycloak names service accounts
 * {@code service-account-CLIENT}, but a person may be given such a name too, so names decide nothing.
 */
@ApplicationScoped
public class Callers {

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final String serviceRole;

    Callers(JsonWebToken token, SecurityIdentity identity,
            @ConfigProperty(name = "skein.auth.service-role", defaultValue = "skein-service") String serviceRole) {
        this.token = token;
        this.identity = identity;
        this.serviceRole = serviceRole;
    }

    /** The caller of the request being handled. */
    public Caller current() {
        String name = Optional.ofNullable(token.<String>getClaim("preferred_username")).orElse(token.getSubject());
        return new Caller(name, Caller.groupPrincipals(token.getGroups()), identity.hasRole(serviceRole));
    }
}
