package dev.skein.persistence.rest;

import dev.skein.contract.DocumentIds;
import dev.skein.persistence.compaction.CompactionResult;
import dev.skein.persistence.compaction.Compactor;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.StoredName;
import dev.skein.storage.layout.StoredObject;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.read.LoadedDocument;
import dev.skein.ycrdt.update.Updates;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operator API over stored documents: list a document's objects, compact it now, export its
 * state. Not for clients: doc-service serves documents.
 */
@Path("/admin/docs/{docId}")
public class AdminResource {

    /** Response header of an export that lacks damaged objects: their keys, comma-separated. */
    public static final String DAMAGED_HEADER = "Skein-Damaged-Objects";

    private final DocumentReader reader;
    private final Compactor compactor;
    private final PersistenceMetrics metrics;

    AdminResource(DocumentReader reader, Compactor compactor, PersistenceMetrics metrics) {
        this.reader = reader;
        this.compactor = compactor;
        this.metrics = metrics;
    }

    /** The document's objects and their sizes; an unknown document has none. */
    @GET
    @Path("/objects")
    @Produces(MediaType.APPLICATION_JSON)
    public DocumentObjectsView objects(@PathParam("docId") String docId) {
        DocumentObjects objects = reader.objects(valid(docId));
        List<StoredName> plan = objects.readPlan();
        List<ObjectView> views = new ArrayList<>();
        for (StoredObject object : objects.all()) {
            StoredName name = object.name();
            String kind = StoredObjectCodec.kindOf(name).name().toLowerCase(java.util.Locale.ROOT);
            long from = StoredObjectCodec.firstOffsetOf(name);
            views.add(new ObjectView(name.key(), kind, name.partition(), from,
                name.lastOffset(), object.size(), plan.contains(name)));
        }
        return new DocumentObjectsView(docId, objects.totalBytes(), views);
    }

    /** Compacts the document now: a new snapshot, replaced objects deleted. */
    @POST
    @Path("/compaction")
    @Produces(MediaType.APPLICATION_JSON)
    public CompactionResult compact(@PathParam("docId") String docId) {
        CompactionResult result = compactor.compact(valid(docId));
        metrics.compaction(result.outcome());
        return result;
    }

    /**
     * The stored state as one Yjs update ({@code format=v1}, the default, or {@code v2}); 404 if none.
     * Damaged objects are left out and named in the {@value #DAMAGED_HEADER} header.
     */
    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response export(@PathParam("docId") String docId, @QueryParam("format") String format) {
        String chosen = format == null ? "v1" : format;
        if (!chosen.equals("v1") && !chosen.equals("v2")) {
            throw new WebApplicationException("format must be v1 or v2", Response.Status.BAD_REQUEST);
        }
        Optional<LoadedDocument> loaded = reader.load(valid(docId));
        if (loaded.isEmpty()) {
            throw new WebApplicationException("no stored objects for " + docId, Response.Status.NOT_FOUND);
        }
        byte[] state = loaded.get().state();
        byte[] body = chosen.equals("v1") ? state : Updates.convertUpdateFormatV1ToV2(state);
        Response.ResponseBuilder response = Response.ok(body);
        if (!loaded.get().isWhole()) {
            // the export is what could be read; say what is missing from it instead of hiding it
            response.header(DAMAGED_HEADER, String.join(",", loaded.get().damaged().stream().map(d -> d.key()).toList()));
        }
        return response.build();
    }

    private static String valid(String docId) {
        if (!DocumentIds.isValid(docId)) {
            throw new WebApplicationException(DocumentIds.describeProblem(docId), Response.Status.BAD_REQUEST);
        }
        return docId;
    }
}
