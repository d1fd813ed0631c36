package dev.skein.auth.acl;

import dev.skein.auth.caller.Caller;
import dev.skein.auth.caller.Callers;
import dev.skein.auth.events.OutboxRelay;
import dev.skein.contract.AccessRole;
import dev.skein.contract.DocumentIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sharing API. Every call needs a Keycloak access token for the {@code skein-auth} audience.
 * A change and its events are committed together (the outbox); the response waits until the relay
 * published them (at most {@code skein.auth.outbox.publish-wait}), so a client that sees 2xx
 * normally knows gateways are being told, and the events follow anyway if the broker is away.
 */
@Path("/documents/{docId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AclResource {

    private static final int MAX_PRINCIPAL_LENGTH = 255;

    private final AclService acl;
    private final OutboxRelay events;
    private final Callers callers;

    AclResource(AclService acl, OutboxRelay events, Callers callers) {
        this.acl = acl;
        this.events = events;
        this.callers = callers;
    }

    /** Creates the document; the caller becomes its owner. */
    @POST
    public Uni<Response> create(@PathParam("docId") String docId) {
        checkDocId(docId);
        return acl.create(docId, callers.current())
                .call(change -> events.publishSoon())
                .map(change -> Response.status(Response.Status.CREATED)
                        .entity(new GrantView(change.principal(), change.role().wireName())).build());
    }

    /** Deletes the document's ACL (owners only). */
    @DELETE
    public Uni<Response> delete(@PathParam("docId") String docId) {
        checkDocId(docId);
        return acl.delete(docId, callers.current()).call(changes -> events.publishSoon())
                .map(changes -> Response.noContent().build());
    }

    /** Lists the grants (owners only). */
    @GET
    @Path("/grants")
    public Uni<List<GrantView>> grants(@PathParam("docId") String docId) {
        checkDocId(docId);
        return acl.list(docId, callers.current()).map(entries -> entries.stream().map(GrantView::of).toList());
    }

    /** Gives a principal a role (owners only). */
    @PUT
    @Path("/grants/{principal}")
    public Uni<GrantView> grant(@PathParam("docId") String docId, @PathParam("principal") String principal,
            GrantRequest request) {
        checkDocId(docId);
        checkPrincipal(principal);
        AccessRole role = parseRole(request == null ? null : request.role());
        return acl.grant(docId, callers.current(), principal, role)
                .call(change -> events.publishSoon())
                .map(change -> new GrantView(change.principal(), change.role().wireName()));
    }

    /** Takes a principal's grant away (owners only). */
    @DELETE
    @Path("/grants/{principal}")
    public Uni<Response> revoke(@PathParam("docId") String docId, @PathParam("principal") String principal) {
        checkDocId(docId);
        checkPrincipal(principal);
        return acl.revoke(docId, callers.current(), principal)
                .call(change -> events.publishSoon())
                .map(change -> Response.noContent().build());
    }

    /**
     * The role of a principal, counting the grants of the groups named by {@code group}. Services
     * (callers with the realm role {@code skein.auth.service-role}: the gateway, presence-service)
     * may ask about anyone; a person only about themself, and then the groups of their own token
     * count, not the ones they name.
     */
    @GET
    @Path("/role")
    public Uni<RoleView> role(@PathParam("docId") String docId, @QueryParam("principal") String principal,
            @QueryParam("group") List<String> groups) {
        checkDocId(docId);
        Caller caller = callers.current();
        String subject = principal == null || principal.isBlank() ? caller.principal() : principal;
        checkPrincipal(subject);
        Set<String> principals = new LinkedHashSet<>();
        principals.add(subject);
        if (caller.service()) {
            principals.addAll(Caller.groupPrincipals(groups));
        } else if (subject.equals(caller.principal())) {
            principals.addAll(caller.groupPrincipals());
        } else {
            throw AclProblem.forbidden("only services look up the roles of others");
        }
        return acl.roleOf(docId, principals).map(role -> new RoleView(docId, subject, role.wireName()));
    }

    private static void checkDocId(String docId) {
        if (!DocumentIds.isValid(docId)) {
            throw AclProblem.badRequest("invalid document id");
        }
    }

    private static void checkPrincipal(String principal) {
        if (principal == null || principal.isBlank() || principal.length() > MAX_PRINCIPAL_LENGTH) {
            throw AclProblem.badRequest("invalid principal");
        }
    }

    private static AccessRole parseRole(String role) {
        try {
            return AccessRole.fromWireName(role);
        } catch (IllegalArgumentException e) {
            throw AclProblem.badRequest("role must be read, write or owner");
        }
    }
}
