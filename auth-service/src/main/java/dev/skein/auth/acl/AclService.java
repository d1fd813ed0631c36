package dev.skein.auth.acl;

import dev.skein.auth.caller.Caller;
import dev.skein.auth.events.Outbox;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * The ACL rules: whoever creates a document owns it; only owners create, change, revoke or list
 * grants and delete the document; a document always keeps at least one owner. Every change
 * takes the document's lock first and writes the {@link AclChange}s to announce into the outbox
 * in its own transaction (so an ACL change is never committed without its events, nor the other
 * way round); {@link dev.skein.auth.events.OutboxRelay} publishes them after the commit. Every
 * change also returns them.
 */
@ApplicationScoped
public class AclService {

    private final AclRepository repository;
    private final Outbox outbox;

    AclService(AclRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** Creates a document owned by the caller; 409 if it exists. */
    @WithTransaction
    public Uni<AclChange> create(String docId, Caller caller) {
        return outbox.lockDocument(docId).chain(() -> repository.count("docId", docId)).flatMap(existing -> {
            if (existing > 0) {
                throw AclProblem.conflict("document " + docId + " exists");
            }
            return repository.persist(new AclEntry(docId, caller.principal(), AccessRole.OWNER))
                    .replaceWith(new AclChange(docId, caller.principal(), AccessRole.OWNER));
        }).call(change -> outbox.append(List.of(change)));
    }

    /** Deletes a document's ACL (owners only); every former grant is announced as {@code none}. */
    @WithTransaction
    public Uni<List<AclChange>> delete(String docId, Caller caller) {
        return lockAndRequireOwner(docId, caller).flatMap(entries -> repository.delete("docId", docId)
                .replaceWith(entries.stream().map(e -> new AclChange(docId, e.principal(), AccessRole.NONE)).toList()))
                .call(outbox::append);
    }

    /** A document's grants (owners only). */
    @WithSession
    public Uni<List<AclEntry>> list(String docId, Caller caller) {
        return requireOwner(docId, caller);
    }

    /** Gives {@code principal} {@code role} on the document, replacing its grant (owners only). */
    @WithTransaction
    public Uni<AclChange> grant(String docId, Caller caller, String principal, AccessRole role) {
        if (role == AccessRole.NONE) {
            throw AclProblem.badRequest("grant read, write or owner; revoke to take access away");
        }
        return lockAndRequireOwner(docId, caller).flatMap(entries -> {
            AclEntry current = find(entries, principal);
            if (current == null) {
                return repository.persist(new AclEntry(docId, principal, role))
                        .replaceWith(new AclChange(docId, principal, role));
            }
            keepAnOwner(entries, current, role);
            current.role(role);
            return Uni.createFrom().item(new AclChange(docId, principal, role));
        }).call(change -> outbox.append(List.of(change)));
    }

    /** Takes {@code principal}'s grant away (owners only); 404 if it has none. */
    @WithTransaction
    public Uni<AclChange> revoke(String docId, Caller caller, String principal) {
        return lockAndRequireOwner(docId, caller).flatMap(entries -> {
            AclEntry current = find(entries, principal);
            if (current == null) {
                throw AclProblem.notFound(principal + " has no grant on " + docId);
            }
            keepAnOwner(entries, current, AccessRole.NONE);
            return repository.delete(current).replaceWith(new AclChange(docId, principal, AccessRole.NONE));
        }).call(change -> outbox.append(List.of(change)));
    }

    /**
     * The documents the caller can open (a grant to it or to one of its groups), each with the
     * strongest role it has there, in document order.
     */
    @WithSession
    public Uni<List<DocumentView>> documentsOf(Caller caller) {
        return repository.ofAnyPrincipal(caller.allPrincipals()).map(entries -> {
            java.util.Map<String, AccessRole> roles = new java.util.TreeMap<>();
            for (AclEntry entry : entries) {
                roles.merge(entry.docId(), entry.role(), AccessRole::max);
            }
            return roles.entrySet().stream().filter(e -> e.getValue() != AccessRole.NONE)
                    .map(e -> new DocumentView(e.getKey(), e.getValue().wireName())).toList();
        });
    }

    /** The strongest role any of {@code principals} (a user and its groups) has on the document. */
    @WithSession
    public Uni<AccessRole> roleOf(String docId, Collection<String> principals) {
        return repository.ofPrincipals(docId, principals).map(entries -> entries.stream()
                .map(AclEntry::role).reduce(AccessRole.NONE, AccessRole::max));
    }

    /** {@link #requireOwner} under the document's lock, for changes. */
    private Uni<List<AclEntry>> lockAndRequireOwner(String docId, Caller caller) {
        return outbox.lockDocument(docId).chain(() -> requireOwner(docId, caller));
    }

    /** The document's entries if the caller owns it; 404 for an unknown document, 403 otherwise. */
    private Uni<List<AclEntry>> requireOwner(String docId, Caller caller) {
        return repository.ofDocument(docId).map(entries -> {
            if (entries.isEmpty()) {
                throw AclProblem.notFound("no document " + docId);
            }
            AccessRole role = entries.stream().filter(e -> caller.allPrincipals().contains(e.principal()))
                    .map(AclEntry::role).reduce(AccessRole.NONE, AccessRole::max);
            if (role != AccessRole.OWNER) {
                throw AclProblem.forbidden("only owners change or list the grants of " + docId);
            }
            return entries;
        });
    }

    /** A document without an owner could never be shared or deleted again. */
    private static void keepAnOwner(List<AclEntry> entries, AclEntry changed, AccessRole newRole) {
        long owners = entries.stream().filter(e -> e.role() == AccessRole.OWNER).count();
        if (changed.role() == AccessRole.OWNER && newRole != AccessRole.OWNER && owners == 1) {
            throw AclProblem.conflict("the last owner of " + changed.docId() + " cannot give up ownership");
        }
    }

    private static AclEntry find(List<AclEntry> entries, String principal) {
        return entries.stream().filter(e -> e.principal().equals(principal)).findFirst().orElse(null);
    }
}
