package dev.skein.auth.events;

import dev.skein.contract.AclChanges.AclChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The transactional side of the outbox: inside the transaction of an ACL change, the change's
 * document is locked and its events are written to {@code acl_outbox}; {@link OutboxRelay}
 * publishes them after the commit. Both calls need the caller's transaction
 * ({@code @WithTransaction}).
 */
@ApplicationScoped
public class Outbox implements PanacheRepository<OutboxEntry> {

    /** Namespace of Skein's advisory locks (first key of the two-key form): "ACL" in ASCII. */
    private static final int LOCK_NAMESPACE = 0x41434c;

    /**
     * Serialises the ACL changes of one document until the transaction ends (a PostgreSQL
     * transaction-level advisory lock on a hash of the id). Taken first in every change: the
     * rules then read a state no concurrent change alters (e.g. two revocations cannot both pass
     * the last-owner check), and the document's outbox ids follow its commit order, so the relay
     * publishes its events in that order.
     */
    public Uni<Void> lockDocument(String docId) {
        return getSession().chain(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(" + LOCK_NAMESPACE
                        + ", hashtext(:doc))) as locked", Integer.class)
                .setParameter("doc", docId)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** Writes the events of a change, in order. */
    public Uni<Void> append(List<AclChange> changes) {
        return persist(changes.stream().map(OutboxEntry::new)).replaceWithVoid();
    }
}
