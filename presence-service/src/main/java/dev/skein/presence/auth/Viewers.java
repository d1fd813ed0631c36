package dev.skein.presence.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Viewer} of the current request. Services are recognised by a realm role, never by
 * their name: Keycloak calls service accounts {@code service-account-CLIENT}, but a person may
 * carry such a name too.
 */
@ApplicationScoped
public class Viewers {

    private final PresenceAuthConfig config;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Viewers(PresenceAuthConfig config, SecurityIdentity identity, JsonWebToken token) {
        this.config = config;
        this.identity = identity;
        this.token = token;
    }

    /** The caller of the request being handled; {@link Viewer#ANYONE} while authentication is off. */
    public Viewer current() {
        if (!config.enabled()) {
            return Viewer.ANYONE;
        }
        String name = Optional.ofNullable(token.<String>getClaim("preferred_username")).orElse(token.getSubject());
        Set<String> groups = token.getGroups() == null ? Set.of() : new LinkedHashSet<>(token.getGroups());
        boolean all = config.allDocumentsRoles().stream().anyMatch(identity::hasRole);
        return new Viewer(name, groups, all);
    }
}
