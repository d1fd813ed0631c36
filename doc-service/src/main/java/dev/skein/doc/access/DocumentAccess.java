package dev.skein.doc.access;

import dev.skein.doc.rest.DocAuthConfig;
import dev.skein.doc.rest.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Who calls, and whether they may read or edit a document: every {@code /docs/{id}…} endpoint asks
 * here before it touches the document. The HTTP layer has already checked the token (signature,
 * issuer, audience {@code skein-doc}, expiry); this decides by the caller's realm roles:
 * {@value #SERVICE_ROLE} reads and edits every document, {@value #ADMIN_ROLE} reads every
 * document. Anyone else is refused (403): a person's own role on a document, kept by
 * auth-service, is not consulted by doc-service yet.
 */
@RequestScoped
public class DocumentAccess {

    /** Realm role of backend services: they may read and edit every document. */
    public static final String SERVICE_ROLE = "skein-service";
    /** Realm role of operators: they may read every document. */
    public static final String ADMIN_ROLE = "skein-admin";

    private final SecurityIdentity identity;
    private final boolean enabled;

    DocumentAccess(SecurityIdentity identity, DocAuthConfig auth) {
        this.identity = identity;
        this.enabled = auth.enabled();
    }

    /** The caller's name, when the call carries a token. */
    public Optional<String> principal() {
        return identity == null || identity.isAnonymous() ? Optional.empty()
            : Optional.ofNullable(identity.getPrincipal().getName());
    }

    /**
     * Null when the caller has what the call needs on the document, else the refusal to answer
     * with (401 without a token, 403 without a role that allows it). Everything is allowed when
     * {@code skein.doc.auth.enabled} is off.
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
        return Problem.forbidden(need == Need.READ
            ? "reading document " + docId + " needs the realm role " + SERVICE_ROLE + " or " + ADMIN_ROLE
            : "changing document " + docId + " needs the realm role " + SERVICE_ROLE);
    }
}
