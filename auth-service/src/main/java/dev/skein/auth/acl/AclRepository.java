package dev.skein.auth.acl;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Queries of the {@code acl_entry} table. */
@ApplicationScoped
public class AclRepository implements PanacheRepository<AclEntry> {

    /** Every entry of a document, in principal order. */
    public Uni<List<AclEntry>> ofDocument(String docId) {
        return list("docId = ?1 order by principal", docId);
    }

    /** The entries of a document that apply to any of {@code principals}. */
    public Uni<List<AclEntry>> ofPrincipals(String docId, Collection<String> principals) {
        return list("docId = ?1 and principal in ?2", docId, principals);
    }

    /** Every entry naming any of {@code principals}, in document order. */
    public Uni<List<AclEntry>> ofAnyPrincipal(Collection<String> principals) {
        return list("principal in ?1 order by docId", principals);
    }

    /** The entry of one principal, or null. */
    public Uni<AclEntry> entry(String docId, String principal) {
        return find("docId = ?1 and principal = ?2", docId, principal).firstResult();
    }
}
