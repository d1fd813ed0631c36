package dev.skein.doc.access;

import dev.skein.access.AuthUnavailableException;
import dev.skein.access.RoleLookup;
import dev.skein.contract.AccessRole;
import dev.skein.doc.rest.DocAuthConfig;
import dev.skein.doc.rest.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Who calls, and whether they may read or edit a document: every {@code /docs/{id}…} endpoint asks
 * here before it touches the document. The HTTP layer has already checked the token (signature,
 * issuer, audience {@code skein-doc}, expiry). Services are known by realm role:
 * {@value #SERVICE_ROLE} reads and edits every document, {@value #ADMIN_ROLE} reads every
 * document. Anyone else is a person, and their role on the document at auth-service decides
 * ({@code read} to read, {@code write} or {@code owner} to edit), looked up with doc-service's own
 * token, cached briefly and forgotten when the document's ACL changes
 * ({@link AclChangeListener}). When auth-service cannot tell, the call is refused with 503: a
 * person is never let in on a guess.
 */
@RequestScoped
public class DocumentAccess {

    /** Realm role of backend services: they may read and edit every document. */
    public static final String SERVICE_ROLE = "skein-service";
    /** Realm role of operators: they may read every document. */
    public static final String ADMIN_ROLE = "skein-admin";

    private static final Logger LOG = Logger.getLogger(DocumentAccess.class);

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final RoleLookup roles;
    private final boolean enabled;

    DocumentAccess(SecurityIdentity identity, JsonWebToken token, RoleLookup roles, DocAuthConfig auth) {
        this.identity = identity;
        this.token = token;
        this.roles = roles;
        this.enabled = auth.enabled();
    }

    /** The caller's name, when the call carries a token. */
    public Optional<String> principal() {
        return identity == null || identity.isAnonymous() ? Optional.empty()
            : Optional.ofNullable(identity.getPrincipal().getName());
    }

    /**
     * Null when the caller has what the call needs on the document, else the refusal to answer
     * with (401 without a token, 403 without a role that allows it, 503 when auth-service cannot
     * tell a person's role). Everything is allowed when {@code skein.doc.auth.enabled} is off.
     */
    public Response check(String docId, Need need) {
        if (!enabled) {
            return null;
        }
        if (identity == null || identity.isAnonymous()) {
            return Problem.unauthorized("a bearer token of the skein realm is needed");
        }
        if (identity.hasRole(SERVICE_ROLE) || (need == Need.READ && identity.hasRole(ADMIN_ROLE))) {
            return null;
        }
        if (identity.hasRole(ADMIN_ROLE)) {
            return Problem.forbidden("changing document " + docId + " needs the realm role " + SERVICE_ROLE);
        }
        AccessRole role;
        try {
            role = roles.lookupNow(docId, person(), groups()).role();
        } catch (AuthUnavailableException e) {
            LOG.debugf("role on %s unknown: %s", docId, e.getMessage());
            return Problem.unavailable("auth-service cannot tell the caller's role on document " + docId + " now");
        }
        AccessRole needed = need == Need.READ ? AccessRole.READ : AccessRole.WRITE;
        if (role.atLeast(needed)) {
            return null;
        }
        return Problem.forbidden(need == Need.READ
            ? "reading document " + docId + " needs a role on it (read, write or owner) or the realm role "
                + SERVICE_ROLE + " or " + ADMIN_ROLE
            : "changing document " + docId + " needs the role write or owner on it, or the realm role " + SERVICE_ROLE);
    }

    /** The person's name as auth-service keys grants: Keycloak's user name, else the subject. */
    private String person() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : token.getSubject();
    }

    private Set<String> groups() {
        return token.getGroups() == null ? Set.of() : new LinkedHashSet<>(token.getGroups());
    }
}
