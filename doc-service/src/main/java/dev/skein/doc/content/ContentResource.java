package dev.skein.doc.content;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.SyncReply;
import dev.skein.doc.access.DocumentAccess;
import dev.skein.doc.access.Need;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.rest.DocumentReader;
import dev.skein.doc.rest.Problem;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Documents as JSON and text, for services without a Yjs library. The state is read in-band like
 * {@code GET /docs/{id}} (so it holds every update before the request) and rendered here, on the
 * instance that received the call, from a document loaded from it.
 */
@Path("/docs/{id}")
public class ContentResource {

    /** Header listing every root of the answer as {@code name=type} (names URL-encoded), comma-separated. */
    public static final String ROOT_TYPES = "Skein-Root-Types";
    /** Header listing the roots whose type was inferred from the content (names URL-encoded). */
    public static final String INFERRED = "Skein-Inferred-Roots";

    private final DocumentReader reader;
    private final DocumentAccess access;
    private final DocMetrics metrics;

    ContentResource(DocumentReader reader, DocumentAccess access, DocMetrics metrics) {
        this.reader = reader;
        this.access = access;
        this.metrics = metrics;
    }

    @GET
    @Path("/content")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The document as JSON, as yjs's toJSON() gives each root",
        description = "Roots are typed by ?root=NAME:TYPE (then only those are shown), else by the document's schema, "
            + "else inferred from their content (header Skein-Inferred-Roots). TYPE: text, array, map, xml.")
    @APIResponse(responseCode = "200", description = "{\"NAME\": …}", headers = {
        @Header(name = ROOT_TYPES, description = "name=type of every root shown"),
        @Header(name = INFERRED, description = "roots whose type was inferred")})
    @APIResponse(responseCode = "400", description = "invalid id or root parameter")
    @APIResponse(responseCode = "404", description = "the document has no content")
    public Response content(@PathParam("id") String id,
            @Parameter(description = "NAME:TYPE, repeatable") @QueryParam("root") List<String> roots,
            @Parameter(description = "string (default) or delta: text roots as yjs's toDelta()") @QueryParam("text") String text) {
        metrics.rest("get-content");
        Response refused = refuse(id, Need.READ);
        if (refused != null) {
            return refused;
        }
        Response badText = ContentAnswer.checkTextParameter(text);
        if (badText != null) {
            return badText;
        }
        Map<String, RootType> named;
        try {
            named = ContentAnswer.namedRoots(roots);
        } catch (IllegalArgumentException e) {
            return Problem.badRequest("invalid-parameter", e.getMessage());
        }
        return withDocument(id, doc -> ContentAnswer.render(doc, named, text));
    }

    @GET
    @Path("/text/{root}")
    @Produces({MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @Operation(summary = "The text of a text root, exactly (UTF-8)")
    @APIResponse(responseCode = "200", description = "the text")
    @APIResponse(responseCode = "404", description = "no such document or root")
    @APIResponse(responseCode = "422", description = "the root is not a text")
    public Response text(@PathParam("id") String id, @PathParam("root") String root) {
        metrics.rest("get-text");
        Response refused = refuse(id, Need.READ);
        if (refused != null) {
            return refused;
        }
        return withDocument(id, doc -> {
            if (!doc.share().containsKey(root) && !DocumentSchema.of(doc).containsKey(root)) {
                return Problem.notFound("unknown-root", "document " + id + " has no root " + root);
            }
            var typed = RootTyping.typeOf(doc, root, DocumentSchema.of(doc));
            if (typed.isPresent() && typed.get().type() != RootType.TEXT) {
                return Problem.unprocessable("wrong-type", "root " + root + " is a " + typed.get().type().apiName()
                    + ", not a text");
            }
            return Response.ok(doc.getText(root).toString(), MediaType.TEXT_PLAIN + ";charset=UTF-8").build();
        });
    }

    @GET
    @Path("/schema")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The document's schema: {\"roots\":{\"name\":\"type\"}} (empty when none is set)")
    public Response schema(@PathParam("id") String id) {
        metrics.rest("get-schema");
        Response refused = refuse(id, Need.READ);
        if (refused != null) {
            return refused;
        }
        return withDocument(id, doc -> {
            Map<String, Object> roots = new LinkedHashMap<>();
            DocumentSchema.of(doc).forEach((name, type) -> roots.put(name, type.apiName()));
            return Response.ok(Json.stringify(Map.of("roots", roots)), MediaType.APPLICATION_JSON).build();
        });
    }

    private Response refuse(String id, Need need) {
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        return access.check(id, need);
    }

    private Response withDocument(String id, java.util.function.Function<Doc, Response> answer) {
        try {
            SyncReply reply = reader.read(id);
            if (StateVector.decode(reply.stateVector()).asMap().isEmpty()) {
                return Problem.notFound(id);
            }
            return answer.apply(StateDocs.load(reply.update()));
        } catch (TimeoutException | ExecutionException e) {
            metrics.error("read");
            return Problem.unavailable("the owner of document " + id + " did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.unavailable("interrupted");
        }
    }


}
