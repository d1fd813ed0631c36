package dev.skein.auth.acl;

import dev.skein.auth.caller.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The documents the caller can open: what an editor shows as "your documents". */
@Path("/documents")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    private final AclService acl;
    private final Callers callers;

    DocumentsResource(AclService acl, Callers callers) {
        this.acl = acl;
        this.callers = callers;
    }

    /** Every document with a grant to the caller or one of its groups, with the caller's role. */
    @GET
    public Uni<List<DocumentView>> mine() {
        return acl.documentsOf(callers.current());
    }
}
