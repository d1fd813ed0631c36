package dev.skein.presence.auth;

import dev.skein.access.AuthUnavailableException;
import dev.skein.access.RoleLookup;
import dev.skein.contract.AccessRole;
import dev.skein.presence.metrics.PresenceMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import org.jboss.logging.Logger;

/**
 * What a {@link Viewer} may see: every document and every user for callers with one of the
 * all-documents roles (the gateway, operators); for a person, the presence of the documents
 * auth-service gives them at least {@code read} on, and only their own locations.
 */
@ApplicationScoped
public class PresenceAccess {

    private static final Logger LOG = Logger.getLogger(PresenceAccess.class);

    private final RoleLookup roles;
    private final PresenceAuthConfig config;
    private final PresenceMetrics metrics;

    PresenceAccess(RoleLookup roles, PresenceAuthConfig config, PresenceMetrics metrics) {
        this.roles = roles;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Whether the viewer may see who is in the document. Never fails: when auth-service cannot
     * tell, the answer is no (and counted), so that an event stream leaves the event out rather
     * than show it to someone who may not see it.
     */
    public Uni<Boolean> mayRead(Viewer viewer, String docId) {
        if (viewer.seesEverything()) {
            return Uni.createFrom().item(true);
        }
        return Uni.createFrom().completionStage(() -> roles.lookup(docId, viewer.principal(), viewer.groups()))
                .map(lookup -> lookup.role().atLeast(AccessRole.READ))
                .onFailure().recoverWithItem(failure -> {
                    metrics.accessUnknown();
                    LOG.debugf("role of %s on %s unknown: %s", viewer.principal(), docId, failure.getMessage());
                    return false;
                });
    }

    /**
     * Blocks until it is known that the viewer may see the document.
     *
     * @throws ForbiddenException (403) if not
     * @throws AuthUnavailableException (503) if auth-service cannot tell
     */
    public void requireRead(Viewer viewer, String docId) {
        if (viewer.seesEverything()) {
            return;
        }
        AccessRole role;
        try {
            role = roles.lookupNow(docId, viewer.principal(), viewer.groups()).role();
        } catch (AuthUnavailableException e) {
            metrics.accessUnknown();
            throw e;
        }
        if (!role.atLeast(AccessRole.READ)) {
            throw new ForbiddenException("no access to the document");
        }
    }

    /**
     * Checks that the viewer may see where {@code principal} is: themself, or anyone for the
     * all-documents roles.
     *
     * @throws ForbiddenException (403) if not
     */
    public void requireSelf(Viewer viewer, String principal) {
        if (!viewer.seesEverything() && !viewer.principal().equals(principal)) {
            throw new ForbiddenException("a person sees only their own presence");
        }
    }
}
