package dev.skein.gateway.auth;

import dev.skein.gateway.session.ConnectionAccess;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.access.AuthUnavailableException;
import dev.skein.access.RoleLookup;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps live connections within their rights: closes a connection with
 * {@link CloseCodes#UNAUTHORIZED} when its token expires (y-websocket cannot swap the token of an
 * open socket; the client reconnects with a fresh one), and on an ACL change re-reads the role of
 * every affected connection of the document — closing it with {@link CloseCodes#FORBIDDEN} when
 * nothing is left, or changing what it may do. The role is re-read rather than taken from the
 * event because a user's effective role also depends on its groups' grants; for the same reason
 * an event delivered twice (the ACL topic is at-least-once) only costs a second lookup.
 *
 * <p>Admission and events race: a connection's role is looked up before the connection is
 * registered, and an event arriving in between finds no connection to re-check. So once a
 * connection is registered ({@link #watchExpiry}), its role is re-read if the document's ACL
 * generation moved since the lookup ({@link RoleLookup#generation(String)}); an event after the
 * registration finds the connection itself. Lookups overtaken by an event while auth-service was
 * answering are repeated by {@link RoleLookup}.
 */
@ApplicationScoped
public class AccessEnforcer {

    private static final Logger LOG = Logger.getLogger(AccessEnforcer.class);

    private final SessionRegistry registry;
    private final RoleLookup roles;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "skein-access-enforcer");
        thread.setDaemon(true);
        return thread;
    });

    AccessEnforcer(SessionRegistry registry, RoleLookup roles) {
        this.registry = registry;
        this.roles = roles;
    }

    /**
     * Called once an admitted connection is registered and has its access: closes it when its
     * token expires, and re-reads its role at once if an ACL event of the document arrived after
     * the role was looked up (such an event found no registered connection to re-check).
     */
    public void watchExpiry(Session session) {
        ConnectionAccess access = session.access();
        access.expiresAt().ifPresent(expiry -> {
            long delay = Math.max(0, Duration.between(Instant.now(), expiry).toMillis());
            scheduler.schedule(() -> session.close(CloseCodes.UNAUTHORIZED, "token expired"), delay,
                    TimeUnit.MILLISECONDS);
        });
        if (access.expiresAt().isPresent() && roles.generation(session.docId()) != access.aclGeneration()) {
            LOG.debugf("ACL of %s changed while %s was admitted; re-reading the role", session.docId(),
                    access.principal());
            scheduler.execute(() -> recheck(session, null));
        }
    }

    /**
     * Applies an ACL change to this instance's connections of the document (the document's cached
     * roles are already forgotten).
     */
    public void apply(AclChange change) {
        for (Session session : registry.sessionsOf(change.docId())) {
            if (session.isOpen() && session.access().isAffectedBy(change.principal())) {
                scheduler.execute(() -> recheck(session, change));
            }
        }
    }

    /**
     * Re-reads the connection's role after {@code change} (null: after an unknown change, seen
     * through the ACL generation at admission).
     */
    private void recheck(Session session, AclChange change) {
        if (!session.isOpen()) {
            return;
        }
        ConnectionAccess access = session.access();
        AccessRole role;
        long generation = access.aclGeneration();
        try {
            RoleLookup.Lookup lookup = roles.lookupNow(session.docId(), access.principal(), access.groups());
            role = lookup.role();
            generation = lookup.generation();
        } catch (AuthUnavailableException e) {
            LOG.warnf("role recheck of %s on %s failed: %s", access.principal(), session.docId(), e.getMessage());
            if (change == null) {
                // Nothing to go by: the connection may have lost its rights; the client reconnects.
                session.close(CloseCodes.TRY_AGAIN_LATER, "authorisation unavailable");
                return;
            }
            // Cannot ask: trust the event for the principal it names, never raising rights from it.
            if (!change.principal().equals(access.principal())) {
                return;
            }
            role = change.role().atLeast(access.role()) ? access.role() : change.role();
        }
        if (!role.atLeast(AccessRole.READ)) {
            session.close(CloseCodes.FORBIDDEN, "access revoked");
        } else if (role != access.role() || generation != access.aclGeneration()) {
            LOG.debugf("%s on %s is now %s", access.principal(), session.docId(), role.wireName());
            session.access(access.withRole(role, generation));
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
