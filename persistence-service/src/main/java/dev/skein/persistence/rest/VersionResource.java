package dev.skein.persistence.rest;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.persistence.history.VersionRequester;
import dev.skein.storage.history.PastVersions;
import dev.skein.storage.history.RootSpec;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A document's version history in the operator API, with the shapes of the client API
 * (which doc-service serves with the same {@link PastVersions}): list, take one now, a version as
 * a Yjs update, its content as JSON, the diff between two versions. Reads come from storage, so a
 * version is readable once it is listed.
 */
@Path("/admin/docs/{docId}/versions")
public class VersionResource {

    private final PastVersions versions;
    private final VersionRequester requester;
    private final SecurityIdentity identity;

    VersionResource(PastVersions versions, VersionRequester requester, SecurityIdentity identity) {
        this.versions = versions;
        this.requester = requester;
        this.identity = identity;
    }

    /** The document's versions, newest first; none for an unknown document or one without history. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<VersionView> list(@PathParam("docId") String docId) {
        return versions.list(valid(docId)).stream().map(VersionView::of).toList();
    }

    /**
     * Records a version of everything acknowledged before the call: 201 with the version; 404 if
     * the document has no content, 409 if it has no history, 400 for a label over
     * {@value VersionRequest#MAX_LABEL_LENGTH} characters, 503 if not ready, 504 if no reply came in
     * time (the version may still appear).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response take(@PathParam("docId") String docId, VersionLabel body) {
        String label = body == null || body.label() == null ? "" : body.label();
        if (label.length() > VersionRequest.MAX_LABEL_LENGTH) {
            throw new WebApplicationException("a label has at most " + VersionRequest.MAX_LABEL_LENGTH + " characters",
                Response.Status.BAD_REQUEST);
        }
        Optional<String> principal = identity.isAnonymous() ? Optional.empty()
            : Optional.of(identity.getPrincipal().getName());
        VersionReply reply;
        try {
            reply = requester.request(valid(docId), label, principal);
        } catch (IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.SERVICE_UNAVAILABLE);
        } catch (TimeoutException e) {
            throw new WebApplicationException("no answer from the persistence consumer in time", Response.Status.GATEWAY_TIMEOUT);
        } catch (ExecutionException e) {
            throw new WebApplicationException("the request could not be sent: " + e.getCause(), Response.Status.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebApplicationException("interrupted", Response.Status.SERVICE_UNAVAILABLE);
        }
        return switch (reply.outcome()) {
            case RECORDED -> {
                long version = reply.version().orElseThrow();
                VersionView view = versions.entry(docId, version).map(VersionView::of).orElseThrow(
                    () -> new WebApplicationException("version " + version + " was recorded but is gone already",
                        Response.Status.GONE));
                yield Response.created(UriBuilder.fromPath("/admin/docs/{docId}/versions/{v}").build(docId, version))
                    .entity(view).build();
            }
            case EMPTY -> throw new WebApplicationException("document " + docId + " has no content",
                Response.Status.NOT_FOUND);
            case HISTORY_OFF -> throw new WebApplicationException("document " + docId + " has no version history",
                Response.Status.CONFLICT);
        };
    }

    /** The document at a version as one Yjs update ({@code format=v1}, the default, or {@code v2}); 404 if none. */
    @GET
    @Path("/{version}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] update(@PathParam("docId") String docId, @PathParam("version") long version,
            @QueryParam("format") String format) {
        String chosen = format == null ? "v1" : format;
        if (!chosen.equals("v1") && !chosen.equals("v2")) {
            throw new WebApplicationException("format must be v1 or v2", Response.Status.BAD_REQUEST);
        }
        byte[] update = versions.update(valid(docId), version).orElseThrow(() -> noVersion(docId, version));
        return chosen.equals("v1") ? update : Updates.convertUpdateFormatV1ToV2(update);
    }

    /**
     * The document's roots at a version as JSON ({@code root=NAME:TYPE}, repeatable, TYPE text,
     * map, array or xml; without any, every root whose type its content tells); 404 if none.
     */
    @GET
    @Path("/{version}/content")
    @Produces(MediaType.APPLICATION_JSON)
    public String content(@PathParam("docId") String docId, @PathParam("version") long version,
            @QueryParam("root") List<String> roots) {
        return json(versions.content(valid(docId), version, roots(roots)).orElseThrow(() -> noVersion(docId, version)));
    }

    /**
     * What changed from this version to the later version {@code to} and who changed it (see
     * {@code VersionDiff}); roots as for the content; 400 without a later {@code to}, 404 if either
     * version does not exist.
     */
    @GET
    @Path("/{version}/diff")
    @Produces(MediaType.APPLICATION_JSON)
    public String diff(@PathParam("docId") String docId, @PathParam("version") long version,
            @QueryParam("to") Long to, @QueryParam("root") List<String> roots) {
        if (to == null || to <= version) {
            throw new WebApplicationException("to= must name a later version", Response.Status.BAD_REQUEST);
        }
        return json(versions.diff(valid(docId), version, to, roots(roots))
            .orElseThrow(() -> new WebApplicationException("no versions " + version + " and " + to + " of " + docId,
                Response.Status.NOT_FOUND)));
    }

    private static List<RootSpec> roots(List<String> specs) {
        List<RootSpec> roots = new ArrayList<>();
        try {
            for (String spec : specs == null ? List.<String>of() : specs) {
                roots.add(RootSpec.parse(spec));
            }
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        return roots;
    }

    /** JSON as yjs's {@code JSON.stringify} writes it (numbers, binary content and all). */
    private static String json(Object value) {
        try {
            return Json.stringify(value);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException("the version holds a value JSON cannot show: " + e.getMessage(),
                Response.Status.INTERNAL_SERVER_ERROR);
        }
    }

    private static WebApplicationException noVersion(String docId, long version) {
        return new WebApplicationException("no version " + version + " of " + docId, Response.Status.NOT_FOUND);
    }

    private static String valid(String docId) {
        if (!DocumentIds.isValid(docId)) {
            throw new WebApplicationException(DocumentIds.describeProblem(docId), Response.Status.BAD_REQUEST);
        }
        return docId;
    }
}
