package dev.skein.doc.edit;

import dev.skein.contract.DocumentIds;
import dev.skein.doc.access.DocumentAccess;
import dev.skein.doc.access.Need;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.rest.Problem;
import dev.skein.ycrdt.lib0.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Edits over REST: operations in JSON, applied by the document's owner in one transaction as its
 * own Yjs client and published like any client's update; and the document's schema, set once.
 */
@Path("/docs/{id}")
public class EditResource {

    static final String OPS_DOC = """
        Operations (fields exactly so; "path" = map keys and list indexes from the root to a nested type, optional):
        text.insert {root, index: N | "end" | position: base64 relative position, text, attributes?}
        or with an embed object instead of text: text.insert {root, index | position, embed: {...}, attributes?};
        text.delete {root, index, length}; text.format {root, index, length, attributes (null removes)};
        map.set {root, key, value}; map.delete {root, key};
        array.insert {root, index: N | "end" | position, values: [...]}; array.delete {root, index, length};
        xml.insert {root, index | position, nodes: [{"element":"p","attributes":{},"children":[...]} | {"text":"..."}
        | {"delta":[{"insert":"text or embed object","attributes":{...}?}, ...]} (formatted XML text)]};
        xml.delete {root, index, length}; xml.setAttribute {root, path, name, value}; xml.removeAttribute {root, path, name};
        schema.set {roots: {"name": "text|array|map|xml"}}.
        Values of map.set / array.insert are JSON, or nested types {"$ytext": "..."}, {"$ymap": {...}}, {"$yarray": [...]}.
        "roots": {"name": "type"} next to "ops" types roots the document does not have yet and its schema does not name.""";

    private final EditClient client;
    private final DocumentAccess access;
    private final DocMetrics metrics;
    private final int maxBytes;

    EditResource(EditClient client, DocumentAccess access, DocMetrics metrics, DocConfig config) {
        this.client = client;
        this.access = access;
        this.metrics = metrics;
        this.maxBytes = config.maxEditBytes();
    }

    @POST
    @Path("/edits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Apply operations in one transaction, as the owner's Yjs client", description = OPS_DOC)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "text.insert", value = EditExamples.TEXT_INSERT),
        @ExampleObject(name = "text.delete", value = EditExamples.TEXT_DELETE),
        @ExampleObject(name = "text.format", value = EditExamples.TEXT_FORMAT),
        @ExampleObject(name = "map.set and map.delete", value = EditExamples.MAP),
        @ExampleObject(name = "nested text (path)", value = EditExamples.NESTED),
        @ExampleObject(name = "array.insert and array.delete", value = EditExamples.ARRAY),
        @ExampleObject(name = "text.insert of an embed", value = EditExamples.TEXT_EMBED),
        @ExampleObject(name = "xml.insert, xml.setAttribute, xml.removeAttribute, xml.delete", value = EditExamples.XML),
        @ExampleObject(name = "xml.insert of formatted text (delta)", value = EditExamples.XML_DELTA),
        @ExampleObject(name = "schema.set", value = EditExamples.SCHEMA)}))
    @APIResponse(responseCode = "200", description = "applied: {docId, partition, offset of the update, stateVector, positions}")
    @APIResponse(responseCode = "413", description = "body larger than skein.doc.max-edit-bytes")
    @APIResponse(responseCode = "422", description = "an operation was refused (named by \"op\"); nothing was applied")
    @APIResponse(responseCode = "503", description = "the owner did not answer in time")
    public Response edit(@PathParam("id") String id, byte[] body) {
        metrics.rest("post-edits");
        Response refused = refuse(id, body);
        if (refused != null) {
            return refused;
        }
        String json = new String(body, StandardCharsets.UTF_8);
        try {
            EditOps.parse(json);
        } catch (EditRejectedException e) {
            return EditProblem.of(e.op(), e.describe());
        }
        return EditAnswers.await(client.send(id, json, access.principal()), id, metrics);
    }

    @PUT
    @Path("/schema")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Set the document's schema once: {\"roots\":{\"name\":\"text|array|map|xml\"}}",
        description = "Kept in the document (root map skein:schema). The same schema again changes nothing; another is refused (422).")
    @APIResponse(responseCode = "200", description = "set (or already this schema)")
    @APIResponse(responseCode = "422", description = "malformed, another schema is set, or a root holds another type")
    public Response setSchema(@PathParam("id") String id, byte[] body) {
        metrics.rest("put-schema");
        Response refused = refuse(id, body);
        if (refused != null) {
            return refused;
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return EditProblem.of(-1, "the body is not JSON");
        }
        if (!(parsed instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("roots") instanceof Map<?, ?>)) {
            return EditProblem.of(-1, "the body must be {\"roots\":{\"name\":\"text|array|map|xml\"}}");
        }
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "schema.set");
        op.put("roots", m.get("roots"));
        String json = Json.stringify(Map.of("ops", List.of(op)));
        try {
            EditOps.parse(json);
        } catch (EditRejectedException e) {
            return EditProblem.of(-1, e.getMessage());
        }
        return EditAnswers.await(client.send(id, json, access.principal()), id, metrics);
    }

    private Response refuse(String id, byte[] body) {
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response denied = access.check(id, Need.WRITE);
        if (denied != null) {
            return denied;
        }
        if (body == null || body.length == 0) {
            return EditProblem.of(-1, "the body must be JSON");
        }
        if (body.length > maxBytes) {
            return Problem.tooLarge("edit requests are limited to " + maxBytes + " bytes");
        }
        return null;
    }
}
