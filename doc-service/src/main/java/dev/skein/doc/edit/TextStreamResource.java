package dev.skein.doc.edit;

import dev.skein.contract.DocumentIds;
import dev.skein.contract.EditReply;
import dev.skein.doc.access.DocumentAccess;
import dev.skein.doc.access.Need;
import dev.skein.doc.config.DocConfig;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.rest.Problem;
import dev.skein.ycrdt.lib0.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Streams text into a text root as it arrives: each chunk of the body is one {@code text.insert}
 * edit, sent to the owner without waiting for the previous one's answer (at most
 * {@code skein.doc.stream-max-in-flight} unanswered; the body is read no faster). The first chunk
 * anchors the stream (at the end, an index, or a Yjs relative position); every later chunk goes
 * right after the previous one, wherever people type meanwhile (the owner keeps the stream's
 * relative position). Ending the request ends the stream; a broken stream keeps what arrived.
 */
@Path("/docs/{id}/text/{root}/stream")
public class TextStreamResource {

    private final EditClient client;
    private final DocumentAccess access;
    private final DocMetrics metrics;
    private final int maxInFlight;
    private final int chunkBytes;

    TextStreamResource(EditClient client, DocumentAccess access, DocMetrics metrics, DocConfig config) {
        this.client = client;
        this.access = access;
        this.metrics = metrics;
        this.maxInFlight = config.streamMaxInFlight();
        this.chunkBytes = config.streamChunkBytes();
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, "text/event-stream", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Append streamed text (chunked text/plain, or server-sent events) as it arrives",
        description = "Each chunk is one small update, so readers see the text grow. Answers when the body ends: "
            + "{docId, root, stream, chunks, characters, offset (of the last update), position (after the streamed text)}.")
    @APIResponse(responseCode = "200", description = "the stream ended; everything in it was applied")
    @APIResponse(responseCode = "422", description = "a chunk was refused (unknown root, not a text, bad position); earlier chunks stay")
    @APIResponse(responseCode = "503", description = "the owner did not answer; what was answered before stays")
    public Response stream(@PathParam("id") String id, @PathParam("root") String root,
            @Parameter(description = "where the stream starts: an index or \"end\" (default)") @QueryParam("index") String index,
            @Parameter(description = "where the stream starts: a base64 Yjs relative position") @QueryParam("position") String position,
            @HeaderParam("Content-Type") String contentType, InputStream body) {
        metrics.rest("post-text-stream");
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response denied = access.check(id, Need.WRITE);
        if (denied != null) {
            return denied;
        }
        Map<String, Object> anchor = new LinkedHashMap<>();
        if (position != null && index != null) {
            return Problem.badRequest("invalid-parameter", "give index or position, not both");
        } else if (position != null) {
            anchor.put("position", position);
        } else if (index == null || "end".equals(index)) {
            anchor.put("index", "end");
        } else {
            try {
                anchor.put("index", (double) Integer.parseUnsignedInt(index));
            } catch (NumberFormatException e) {
                return Problem.badRequest("invalid-parameter", "index must be a non-negative integer or end");
            }
        }
        boolean events = contentType != null && contentType.startsWith("text/event-stream");
        return new Run(id, root, anchor, access.principal()).run(new ChunkReader(body, events, chunkBytes));
    }

    /** One stream. */
    private final class Run {
        private final String docId;
        private final String root;
        private final Map<String, Object> anchor;
        private final Optional<String> principal;
        private final String stream = UUID.randomUUID().toString();
        private final Semaphore window = new Semaphore(maxInFlight);
        private final List<CompletableFuture<EditReply>> sent = new ArrayList<>();
        private final AtomicReference<Response> failure = new AtomicReference<>();
        private long characters;

        Run(String docId, String root, Map<String, Object> anchor, Optional<String> principal) {
            this.docId = docId;
            this.root = root;
            this.anchor = anchor;
            this.principal = principal;
        }

        Response run(ChunkReader chunks) {
            EditReply last = null;
            try {
                for (String chunk = chunks.next(); chunk != null && failure.get() == null; chunk = chunks.next()) {
                    if (chunk.isEmpty()) {
                        continue;
                    }
                    characters += chunk.length();
                    if (sent.isEmpty()) {
                        // the first chunk anchors the stream: wait, so that a refusal ends it at once
                        CompletableFuture<EditReply> first = send(chunk, true);
                        sent.add(first);
                        Response refused = answerOf(first.get());
                        if (refused != null) {
                            return refused;
                        }
                        continue;
                    }
                    window.acquire();
                    CompletableFuture<EditReply> next = send(chunk, false);
                    next.whenComplete((reply, error) -> {
                        window.release();
                        Response refused = error != null ? EditAnswers.await(next, docId, metrics) : answerOf(reply);
                        if (refused != null) {
                            failure.compareAndSet(null, refused);
                        }
                    });
                    sent.add(next);
                }
            } catch (IOException e) {
                // the caller went away: what arrived stays (each chunk is applied on its own)
                metrics.error("stream-broken");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Problem.unavailable("interrupted");
            } catch (ExecutionException e) {
                return EditAnswers.await(sent.get(0), docId, metrics);
            }
            for (CompletableFuture<EditReply> f : sent) {
                try {
                    last = f.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, EditAnswers.await(f, docId, metrics));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Problem.unavailable("interrupted");
                }
            }
            if (failure.get() != null) {
                return failure.get();
            }
            return Response.ok(summary(last), MediaType.APPLICATION_JSON).build();
        }

        private CompletableFuture<EditReply> send(String chunk, boolean first) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("op", "text.insert");
            op.put("root", root);
            if (first) {
                op.putAll(anchor);
            }
            op.put("stream", stream);
            op.put("text", chunk);
            // only the first chunk wakes the owner's fetch: the padding would cost the log 16 KiB a
            // chunk, and the chunks after it are in flight together
            return client.send(docId, Json.stringify(Map.of("ops", List.of(op))), principal, first);
        }

        private Response answerOf(EditReply reply) {
            return reply.outcome() == EditReply.Outcome.APPLIED ? null : EditAnswers.answer(reply);
        }

        private String summary(EditReply last) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("docId", docId);
            m.put("root", root);
            m.put("stream", stream);
            m.put("chunks", (double) sent.size());
            m.put("characters", (double) characters);
            Object offset = null;
            Object after = null;
            if (last != null && Json.parse(last.bodyText()) instanceof Map<?, ?> result) {
                offset = result.get("offset");
                if (result.get("positions") instanceof List<?> positions && !positions.isEmpty()) {
                    after = positions.get(0);
                }
            }
            m.put("offset", offset);
            m.put("position", after);
            return Json.stringify(m);
        }
    }
}
