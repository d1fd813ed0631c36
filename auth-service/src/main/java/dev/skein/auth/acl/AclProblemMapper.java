package dev.skein.auth.acl;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns an {@link AclProblem} into its status with a one-line JSON reason. */
public class AclProblemMapper {

    @ServerExceptionMapper
    public Response map(AclProblem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", problem.getMessage())).build();
    }
}
