package dev.skein.gateway.auth;

import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.gateway.protocol.CloseCodes;
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
 * event because a user's effective role also depends on its groups' grants.
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

    /** Closes the session when its token expires. */
    public void watchExpiry(Session session) {
        session.access().expiresAt().ifPresent(expiry -> {
            long delay = Math.max(0, Duration.between(Instant.now(), expiry).toMillis());
            scheduler.schedule(() -> session.close(CloseCodes.UNAUTHORIZED, "token expired"), delay,
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Applies an ACL change to this instance's connections of the document. */
    public void apply(AclChange change) {
        roles.invalidate(change.docId());
        for (Session session : registry.sessionsOf(change.docId())) {
            if (session.isOpen() && session.access().isAffectedBy(change.principal())) {
                scheduler.execute(() -> recheck(session, change));
            }
        }
    }

    private void recheck(Session session, AclChange change) {
        ConnectionAccess access = session.access();
        AccessRole role;
        try {
            role = roles.roleOf(session.docId(), access.principal(), access.groups());
        } catch (AuthUnavailableException e) {
            // Cannot ask: trust the event for the principal it names, never raising rights from it.
            LOG.warnf("role recheck of %s on %s failed: %s", access.principal(), session.docId(), e.getMessage());
            if (!change.principal().equals(access.principal())) {
                return;
            }
            role = change.role().atLeast(access.role()) ? access.role() : change.role();
        }
        if (!role.atLeast(AccessRole.READ)) {
            session.close(CloseCodes.FORBIDDEN, "access revoked");
        } else if (role != access.role()) {
            LOG.debugf("%s on %s is now %s", access.principal(), session.docId(), role.wireName());
            session.access(access.withRole(role));
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
