package dev.skein.doc.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Who calls, and whether they may read or edit a document. */
@RequestScoped
public class DocumentAccess {

    private final SecurityIdentity identity;

    DocumentAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's name, when the call carries a token. */
    public Optional<String> principal() {
        return identity == null || identity.isAnonymous() ? Optional.empty()
            : Optional.ofNullable(identity.getPrincipal().getName());
    }

    /** Null when the caller has what the call needs on the document, else the refusal to answer with. */
    public Response check(String docId, Need need) {
        return null;
    }
}
