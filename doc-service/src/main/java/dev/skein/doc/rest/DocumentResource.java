package dev.skein.doc.rest;


import dev.skein.contract.DocumentIds;
import dev.skein.contract.DocumentRecords;
import dev.skein.contract.SyncReply;
import dev.skein.doc.access.DocumentAccess;
import dev.skein.doc.access.Need;
import dev.skein.doc.config.DocConfig;
import dev.skein.messaging.TopicsConfig;
import dev.skein.messaging.InstanceId;
import dev.skein.messaging.TopicLayout;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.update.Updates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Document read/write API for backend services. Errors are {@code application/problem+json}:
 * 400 invalid document id, format or update; 404 document without content; 413 update larger than
 * {@code skein.topics.max-record-bytes}; 503 Kafka or the document's owner did not answer.
 */
@Path("/docs/{id}")
public class DocumentResource {

    private static final String V2 = "v2";
    private static final String V1 = "v1";

    private final DocumentReader reader;
    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final TopicLayout layout;
    private final InstanceId instanceId;
    private final DocMetrics metrics;
    private final long readTimeoutMillis;
    private final DocumentAccess access;

    DocumentResource(DocumentReader reader, Producer<String, byte[]> producer, TopicsConfig topics, TopicLayout layout,
            InstanceId instanceId, DocMetrics metrics, DocConfig config, DocumentAccess access) {
        this.access = access;
        this.reader = reader;
        this.producer = producer;
        this.topics = topics;
        this.layout = layout;
        this.instanceId = instanceId;
        this.metrics = metrics;
        this.readTimeoutMillis = config.readTimeout().toMillis();
    }

    @GET
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(summary = "The document as one Yjs update (v1, or v2 with ?format=v2)")
    @APIResponse(responseCode = "200", description = "the update")
    @APIResponse(responseCode = "404", description = "the document has no content")
    public Response document(@PathParam("id") String id, @QueryParam("format") @DefaultValue(V1) String format) {
        metrics.rest("get-document");
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response denied = access.check(id, Need.READ);
        if (denied != null) {
            return denied;
        }
        if (!V1.equals(format) && !V2.equals(format)) {
            return Problem.badRequest("invalid-format", "format must be v1 or v2");
        }
        return read(id, reply -> {
            byte[] state = reply.update();
            return Response.ok(V2.equals(format) ? Updates.convertUpdateFormatV1ToV2(state) : state,
                MediaType.APPLICATION_OCTET_STREAM).build();
        });
    }

    @GET
    @Path("/state-vector")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(summary = "The document's Yjs state vector (v1 encoding)")
    public Response stateVector(@PathParam("id") String id) {
        metrics.rest("get-state-vector");
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response denied = access.check(id, Need.READ);
        if (denied != null) {
            return denied;
        }
        return read(id, reply -> Response.ok(reply.stateVector(), MediaType.APPLICATION_OCTET_STREAM).build());
    }

    @POST
    @Path("/updates")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Apply one Yjs v1 update: validated, then appended to the document's log")
    @APIResponse(responseCode = "202", description = "accepted into the log")
    public Response applyUpdate(@PathParam("id") String id, byte[] update) {
        metrics.rest("post-update");
        if (!DocumentIds.isValid(id)) {
            return Problem.badRequest("invalid-document-id", DocumentIds.describeProblem(id));
        }
        Response denied = access.check(id, Need.WRITE);
        if (denied != null) {
            return denied;
        }
        if (update == null || update.length == 0) {
            return Problem.badRequest("invalid-update", "the body must be one Yjs v1 update");
        }
        if (update.length > topics.maxRecordBytes()) {
            return Problem.tooLarge(topics.maxRecordBytes());
        }
        try {
            Updates.validateUpdate(update);
        } catch (YDecodingException | IllegalArgumentException e) {
            return Problem.badRequest("invalid-update", "not a Yjs v1 update: " + e.getMessage());
        }
        try {
            RecordMetadata metadata = producer.send(DocumentRecords.update(topics.updates(), layout.updatePartitionOf(id),
                id, update, instanceId.value() + "/rest")).get(readTimeoutMillis, TimeUnit.MILLISECONDS);
            return Response.accepted(new AcceptedUpdate(id, metadata.partition(), metadata.offset()))
                .type(MediaType.APPLICATION_JSON).build();
        } catch (ExecutionException | TimeoutException e) {
            metrics.error("produce");
            return Problem.unavailable("Kafka did not accept the update");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.unavailable("interrupted");
        }
    }

    private Response read(String id, java.util.function.Function<SyncReply, Response> answer) {
        try {
            SyncReply reply = reader.read(id);
            if (StateVector.decode(reply.stateVector()).asMap().isEmpty()) {
                return Problem.notFound(id);
            }
            return answer.apply(reply);
        } catch (TimeoutException | ExecutionException e) {
            metrics.error("read");
            return Problem.unavailable("the owner of document " + id + " did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.unavailable("interrupted");
        }
    }
}
