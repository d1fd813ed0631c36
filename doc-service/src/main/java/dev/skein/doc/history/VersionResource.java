package dev.skein.doc.history;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.EditReply;
import dev.skein.contract.SyncReply;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.doc.access.DocumentAccess;
import dev.skein.doc.access.Need;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.content.ContentAnswer;
import dev.skein.doc.content.RootType;
import dev.skein.doc.content.RootTyping;
import dev.skein.doc.content.StateDocs;
import dev.skein.doc.edit.EditAnswers;
import dev.skein.doc.edit.EditClient;
import dev.skein.doc.edit.EditOps;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.rest.DocumentReader;
import dev.skein.doc.rest.Problem;
import dev.skein.storage.history.PastVersions;
import dev.skein.storage.history.RootSpec;
import dev.skein.storage.history.VersionEntry;
import dev.skein.storage.s3.StorageException;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.Updates;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A document's version history beside the document itself: the versions persistence-service
 * recorded (read from storage with {@link PastVersions}, as its admin API does), taking one now,
 * a version as a Yjs update, as JSON, the diff between two, and restoring one as ordinary edits.
 * Reading needs {@link Need#READ} on the document, taking a version and restoring {@link Need#WRITE}.
 */
@Path("/docs/{id}/versions")
public class VersionResource {

    private final StoredHistory history;
    private final VersionRequester requester;
    private final DocumentReader current;
    private final EditClient edits;
    private final DocumentAccess access;
    private final DocMetrics metrics;
    private final int maxEditBytes;

    VersionResource(StoredHistory history, VersionRequester requester, DocumentReader current, EditClient edits,
            DocumentAccess access, DocMetrics metrics, DocConfig config) {
        this.history = history;
        this.requester = requester;
        this.current = current;
        this.edits = edits;
        this.access = access;
        this.metrics = metrics;
        this.maxEditBytes = config.maxEditBytes();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The document's versions, newest first",
        description = "Each: version (the update-topic offset it covers up to), time (epoch ms), label, authors (who "
            + "changed the document since the previous listed version), bytes (what storing it costs), trigger "
            + "(idle, interval, request), labelledBy. Empty for a document without history.")
    @APIResponse(responseCode = "200", description = "the versions, newest first", content = @Content(
        mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "versions", value = VersionExamples.LIST)))
    @APIResponse(responseCode = "403", description = "no read access to the document")
    @APIResponse(responseCode = "409", description = "no storage configured: history-unavailable")
    public Response list(@PathParam("id") String id) {
        metrics.rest("get-versions");
        return withHistory(id, Need.READ, versions -> Response.ok(Json.stringify(
            versions.list(id).stream().map(VersionResource::view).toList()), MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Take a version now, of every update acknowledged before the call",
        description = "Body {\"label\": …} (optional, at most " + VersionRequest.MAX_LABEL_LENGTH + " characters). "
            + "persistence-service records it and answers; the version is then listed.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
        examples = @ExampleObject(name = "label", value = VersionExamples.TAKE_REQUEST)))
    @APIResponse(responseCode = "201", description = "the version as listed", headers = @Header(name = "Location"),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "taken",
            value = VersionExamples.TAKEN)))
    @APIResponse(responseCode = "400", description = "invalid id, body or label")
    @APIResponse(responseCode = "403", description = "no write access to the document")
    @APIResponse(responseCode = "404", description = "the document has no content")
    @APIResponse(responseCode = "409", description = "the document has no history (history-off), or no storage here")
    @APIResponse(responseCode = "503", description = "Kafka or the reply listener not ready")
    @APIResponse(responseCode = "504", description = "persistence-service did not answer in time (the version may still appear)")
    public Response take(@PathParam("id") String id, byte[] body) {
        metrics.rest("post-versions");
        return withHistory(id, Need.WRITE, versions -> {
            String label;
            try {
                label = label(body);
            } catch (IllegalArgumentException e) {
                return Problem.badRequest("invalid-label", e.getMessage());
            }
            VersionReply reply;
            try {
                reply = requester.request(id, label, access.principal());
            } catch (IllegalStateException e) {
                return Problem.unavailable(e.getMessage());
            } catch (TimeoutException e) {
                metrics.error("version");
                return new Problem("urn:skein:problem:timeout", "Gateway timeout", 504,
                    "persistence-service did not answer in time; the version may still be recorded").toResponse();
            } catch (ExecutionException e) {
                metrics.error("version");
                return Problem.unavailable("the version request could not be sent: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Problem.unavailable("interrupted");
            }
            return switch (reply.outcome()) {
                case RECORDED -> {
                    long version = reply.version().orElseThrow();
                    Optional<VersionEntry> entry = versions.entry(id, version);
                    yield entry.isEmpty()
                        ? new Problem("urn:skein:problem:gone", "Gone", 410,
                            "version " + version + " was recorded but is gone already").toResponse()
                        : Response.created(UriBuilder.fromPath("/docs/{id}/versions/{v}").build(id, version))
                            .type(MediaType.APPLICATION_JSON).entity(Json.stringify(view(entry.get()))).build();
                }
                case EMPTY -> Problem.notFound(id);
                case HISTORY_OFF -> new Problem("urn:skein:problem:history-off", "Conflict", 409,
                    "document " + id + " has no version history (persistence-service's skein.history.*)").toResponse();
            };
        });
    }

    @GET
    @Path("/{version}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(summary = "The document at a version as one Yjs update (what a yjs client loads to show it read-only)")
    @APIResponse(responseCode = "200", description = "Yjs v1 update (?format=v2 for v2)",
        content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM))
    @APIResponse(responseCode = "403", description = "no read access to the document")
    @APIResponse(responseCode = "404", description = "no such version")
    public Response update(@PathParam("id") String id, @PathParam("version") String version,
            @Parameter(description = "v1 (default) or v2") @QueryParam("format") String format) {
        metrics.rest("get-version");
        return withVersion(id, version, (versions, v) -> {
            if (format != null && !"v1".equals(format) && !"v2".equals(format)) {
                return Problem.badRequest("invalid-format", "format must be v1 or v2");
            }
            return versions.update(id, v)
                .map(update -> Response.ok("v2".equals(format) ? Updates.convertUpdateFormatV1ToV2(update) : update,
                    MediaType.APPLICATION_OCTET_STREAM).build())
                .orElseGet(() -> noVersion(id, v));
        });
    }

    @GET
    @Path("/{version}/content")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The document at a version as JSON, exactly as GET /docs/{id}/content shows the current one",
        description = "Roots typed by ?root=NAME:TYPE, else by the version's schema, else inferred "
            + "(headers Skein-Root-Types, Skein-Inferred-Roots); ?text=delta gives texts as deltas.")
    @APIResponse(responseCode = "200", description = "{\"NAME\": …}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
        examples = @ExampleObject(name = "content", value = VersionExamples.CONTENT)))
    @APIResponse(responseCode = "403", description = "no read access to the document")
    @APIResponse(responseCode = "404", description = "no such version")
    public Response content(@PathParam("id") String id, @PathParam("version") String version,
            @Parameter(description = "NAME:TYPE, repeatable") @QueryParam("root") List<String> roots,
            @Parameter(description = "string (default) or delta") @QueryParam("text") String text) {
        metrics.rest("get-version-content");
        // parameters are judged after the access check: who may not read learns nothing from a 400
        return withVersion(id, version, (versions, v) -> {
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
            return versions.document(id, v)
                .map(doc -> ContentAnswer.render(doc, named, text))
                .orElseGet(() -> noVersion(id, v));
        });
    }

    @GET
    @Path("/{version}/diff")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "What changed from this version to the later version ?to= and who changed it",
        description = "{from, to, authors, roots: {NAME: {type: \"text\", delta: […]} or {type, from, to}}}: a text's "
            + "delta holds the text of both versions, each added or removed run marked "
            + "ychange: {type: added|removed, user: Yjs client, by: principal}; other roots as JSON before and after. "
            + "Roots as for content (?root=, else the later version's schema, else inferred).")
    @APIResponse(responseCode = "200", description = "the diff", content = @Content(mediaType = MediaType.APPLICATION_JSON,
        examples = @ExampleObject(name = "diff", value = VersionExamples.DIFF)))
    @APIResponse(responseCode = "400", description = "to= missing or not later")
    @APIResponse(responseCode = "403", description = "no read access to the document")
    @APIResponse(responseCode = "404", description = "either is not a version")
    public Response diff(@PathParam("id") String id, @PathParam("version") String version,
            @QueryParam("to") String to, @Parameter(description = "NAME:TYPE, repeatable") @QueryParam("root") List<String> roots) {
        metrics.rest("get-version-diff");
        long later = number(to);
        return withVersion(id, version, (versions, v) -> {
            Map<String, RootType> named;
            try {
                named = ContentAnswer.namedRoots(roots);
            } catch (IllegalArgumentException e) {
                return Problem.badRequest("invalid-parameter", e.getMessage());
            }
            if (later <= v) {
                return Problem.badRequest("invalid-parameter", "to= must name a later version");
            }
            List<RootSpec> specs = new ArrayList<>();
            if (named.isEmpty()) {
                Optional<Doc> then = versions.document(id, later);
                if (then.isEmpty()) {
                    return noVersion(id, later);
                }
                RootTyping.type(then.get(), Map.of()).values()
                    .forEach(root -> specs.add(RootSpec.parse(root.name() + ":" + root.type().apiName())));
            } else {
                named.forEach((name, type) -> specs.add(RootSpec.parse(name + ":" + type.apiName())));
            }
            try {
                return versions.diff(id, v, later, specs)
                    .map(diff -> Response.ok(Json.stringify(diff), MediaType.APPLICATION_JSON).build())
                    .orElseGet(() -> Problem.notFound("unknown-version", "no versions " + v + " and " + later + " of " + id));
            } catch (IllegalArgumentException e) {
                return Problem.unprocessable("not-json", e.getMessage());
            }
        });
    }

    @POST
    @Path("/{version}/restore")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Make the current content that of a version, as ordinary edits",
        description = "Computes the edits turning the current content into the version's (per root: texts keep their "
            + "common prefix and suffix, characters and formatting, and replace the middle with the version's runs; "
            + "maps set differing keys and delete keys the version lacks; arrays and XML replace the differing "
            + "middle) and applies them through the owner like POST /docs/{id}/edits: history moves forward, open "
            + "editors see ordinary updates, and restoring a later version undoes it. Roots as for content.")
    @APIResponse(responseCode = "200", description = "{\"version\": V, \"ops\": N, \"edits\": [owner's answers]} (ops 0: "
        + "the content is the version's already)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "restored", value = VersionExamples.RESTORED)))
    @APIResponse(responseCode = "403", description = "no write access to the document")
    @APIResponse(responseCode = "404", description = "no such version")
    @APIResponse(responseCode = "422", description = "the version holds what edits cannot write, or an edit was refused")
    @APIResponse(responseCode = "503", description = "the owner did not answer in time")
    public Response restore(@PathParam("id") String id, @PathParam("version") String version,
            @Parameter(description = "NAME:TYPE, repeatable") @QueryParam("root") List<String> roots) {
        metrics.rest("post-version-restore");
        return withHistory(id, Need.WRITE, versions -> {
            Map<String, RootType> named;
            try {
                named = ContentAnswer.namedRoots(roots);
            } catch (IllegalArgumentException e) {
                return Problem.badRequest("invalid-parameter", e.getMessage());
            }
            long v = number(version);
            if (v < 0) {
                return Problem.badRequest("invalid-parameter", "a version is a non-negative number");
            }
            Optional<Doc> past = versions.document(id, v);
            if (past.isEmpty()) {
                return noVersion(id, v);
            }
            Doc now;
            try {
                SyncReply reply = current.read(id);
                now = StateVector.decode(reply.stateVector()).asMap().isEmpty() ? new Doc() : StateDocs.load(reply.update());
            } catch (TimeoutException | ExecutionException e) {
                metrics.error("read");
                return Problem.unavailable("the owner of document " + id + " did not answer in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Problem.unavailable("interrupted");
            }
            RestoreEdits.Plan plan;
            try {
                plan = RestoreEdits.plan(now, past.get(), RestoreEdits.roots(now, past.get(), named));
            } catch (IllegalArgumentException e) {
                return Problem.unprocessable("cannot-restore", e.getMessage());
            }
            return apply(id, v, plan);
        });
    }

    /** Sends the plan's operations in requests within the edit limits, one after the other. */
    private Response apply(String id, long version, RestoreEdits.Plan plan) {
        List<Object> answers = new ArrayList<>();
        List<Map<String, Object>> slice = new ArrayList<>();
        int bytes = 0;
        List<List<Map<String, Object>>> slices = new ArrayList<>();
        for (Map<String, Object> op : plan.ops()) {
            int size = Json.stringify(op).length() + 1;
            if (!slice.isEmpty() && (slice.size() == EditOps.MAX_OPS || bytes + size > maxEditBytes)) {
                slices.add(slice);
                slice = new ArrayList<>();
                bytes = 0;
            }
            slice.add(op);
            bytes += size;
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        for (List<Map<String, Object>> ops : slices) {
            EditReply reply;
            try {
                reply = edits.send(id, plan.body(ops), access.principal()).get();
            } catch (ExecutionException e) {
                return EditAnswers.await(java.util.concurrent.CompletableFuture.failedFuture(e.getCause()), id, metrics);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Problem.unavailable("interrupted");
            }
            if (reply.outcome() != EditReply.Outcome.APPLIED) {
                return EditAnswers.answer(reply);
            }
            answers.add(Json.parse(reply.bodyText()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", version);
        answer.put("ops", plan.ops().size());
        answer.put("edits", answers);
        return Response.ok(Json.stringify(answer), MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> view(VersionEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", entry.version());
        view.put("time", entry.time());
        view.put("label", entry.label());
        view.put("authors", entry.authors());
        view.put("bytes", entry.bytes());
        view.put("trigger", entry.trigger().label());
        view.put("labelledBy", entry.labelledBy());
        return view;
    }

    private static String label(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (YDecodingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the body must be JSON {\"label\": …}");
        }
        if (!(parsed instanceof Map<?, ?> map) || !map.keySet().stream().allMatch("label"::equals)) {
            throw new IllegalArgumentException("the body must be {\"label\": …}");
        }
        Object label = map.get("label");
        if (label != null && !(label instanceof String)) {
            throw new IllegalArgumentException("the label must be a string");
        }
        String text = label == null ? "" : (String) label;
        if (text.length() > VersionRequest.MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a label has at most " + VersionRequest.MAX_LABEL_LENGTH + " characters");
        }
        return text;
    }

    /** A version number of a path or query, or -1 when it is none (answered 400). */
    private static long number(String text) {
        try {
            long n = text == null ? -1 : Long.parseLong(text);
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private interface VersionAnswer {
        Response answer(PastVersions versions, long version);
    }

    private Response withVersion(String id, String version, VersionAnswer answer) {
        long v = number(version);
        return withHistory(id, Need.READ, versions -> v < 0
            ? Problem.badRequest("invalid-parameter", "a version is a non-negative number")
            : answer.answer(versions, v));
    }

    /** Checks the id and access, then answers from storage (409 without storage, 503 when it fails). */
    private Response withHistory(String id, Need need, Function<PastVersions, Response> answer) {
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response refused = access.check(id, need);
        if (refused != null) {
            return refused;
        }
        if (history.versions().isEmpty()) {
            return new Problem("urn:skein:problem:history-unavailable", "Conflict", 409,
                "version history is read from storage, and this doc-service has none configured (skein.storage.endpoint)")
                .toResponse();
        }
        try {
            return answer.apply(history.versions().get());
        } catch (StorageException | IllegalStateException e) {
            metrics.error("history");
            return Problem.unavailable("storage did not answer: " + e.getMessage());
        }
    }

    private static Response noVersion(String id, long version) {
        return Problem.notFound("unknown-version", "document " + id + " has no version " + version);
    }
}
