package dev.skein.presence.api;

import dev.skein.contract.DocumentIds;
import dev.skein.presence.auth.PresenceAccess;
import dev.skein.presence.auth.Viewer;
import dev.skein.presence.auth.Viewers;
import dev.skein.presence.events.PresenceEvent;
import dev.skein.presence.events.PresenceEvents;
import dev.skein.presence.store.PresenceEntry;
import dev.skein.presence.store.PresenceStore;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Who is here: the live awareness states of a document (for people and for a joining gateway),
 * where a user is, and a stream of arrivals and departures. Answers 503 with the reason while
 * Redis (or, for a person's access, auth-service) is unavailable.
 *
 * <p>With authentication on, every route needs a valid token (HTTP permissions in
 * {@code application.properties}); what it shows is decided here ({@link PresenceAccess}):
 * callers with an all-documents role see everything, a person only the documents they may read
 * and only their own locations, and their event stream leaves out every other document's events.
 */
@Path("/")
public class PresenceResource {

    private final PresenceStore store;
    private final PresenceEvents events;
    private final UserFields userFields;
    private final Viewers viewers;
    private final PresenceAccess access;
    private final Clock clock = Clock.systemUTC();

    PresenceResource(PresenceStore store, PresenceEvents events, UserFields userFields, Viewers viewers,
            PresenceAccess access) {
        this.store = store;
        this.events = events;
        this.userFields = userFields;
        this.viewers = viewers;
        this.access = access;
    }

    /** Who is in a document; 403 for a person who may not read it. */
    @GET
    @Path("docs/{id}/presence")
    @Produces(MediaType.APPLICATION_JSON)
    public DocumentPresence documentPresence(@PathParam("id") String docId) {
        checkDocId(docId);
        access.requireRead(viewers.current(), docId);
        List<ClientPresence> clients = store.documentStates(docId, clock.millis()).stream()
            .map(entry -> {
                String[] user = userFields.of(entry.state());
                return new ClientPresence(entry.clientId(), entry.principal(), user[0], user[1], iso(entry.since()),
                    entry.gateway());
            })
            .toList();
        return new DocumentPresence(docId, clients);
    }

    /**
     * The current awareness of a document as one y-protocols awareness update, as a gateway sends
     * it to a joining client; 204 when nobody is there, 403 for a person who may not read it.
     */
    @GET
    @Path("docs/{id}/awareness")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response documentAwareness(@PathParam("id") String docId) {
        checkDocId(docId);
        access.requireRead(viewers.current(), docId);
        List<PresenceEntry> live = store.documentStates(docId, clock.millis());
        if (live.isEmpty()) {
            return Response.noContent().build();
        }
        byte[] update = AwarenessUpdate.encode(live.stream()
            .map(entry -> new AwarenessUpdate.Entry(entry.clientId(), entry.clock(), entry.state()))
            .toList());
        return Response.ok(update).build();
    }

    /** Where a user is: a person may ask only about themself (403 otherwise). */
    @GET
    @Path("presence/users/{principal}")
    @Produces(MediaType.APPLICATION_JSON)
    public UserPresence userPresence(@PathParam("principal") String principal) {
        access.requireSelf(viewers.current(), principal);
        List<UserLocation> locations = store.userStates(principal, clock.millis()).stream()
            .map(entry -> new UserLocation(entry.docId(), entry.clientId(), entry.gateway(), iso(entry.since())))
            .toList();
        return new UserPresence(principal, locations);
    }

    /**
     * Arrivals and departures as Server-Sent Events, of one document ({@code ?docId=}) or all,
     * from now on (this instance's documents: see README). A person gets only the events of
     * documents they may read at the time of each event (a revoked grant stops them), and 403 at
     * once for a named document they may not read. Blocking: the first check may ask auth-service.
     */
    @GET
    @Path("presence/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<PresenceEvent> stream(@QueryParam("docId") String docId) {
        Viewer viewer = viewers.current();
        if (docId != null) {
            checkDocId(docId);
            access.requireRead(viewer, docId);
        }
        Multi<PresenceEvent> all = events.stream();
        Multi<PresenceEvent> chosen = docId == null ? all : all.filter(event -> event.docId().equals(docId));
        return viewer.seesEverything() ? chosen : chosen.select().when(event -> access.mayRead(viewer, event.docId()));
    }

    private static void checkDocId(String docId) {
        if (!DocumentIds.isValid(docId)) {
            throw new BadRequestException("invalid document id");
        }
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
