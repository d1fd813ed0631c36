package dev.skein.presence.auth;

import dev.skein.access.AuthUnavailableException;
import dev.skein.presence.api.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** auth-service unreachable: 503 with the reason, and a hint to retry shortly. */
public class AuthUnavailableMapper {

    @ServerExceptionMapper
    Response unavailable(AuthUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
            .header("Retry-After", "2")
            .type(MediaType.APPLICATION_JSON)
            .entity(new Problem("access-unknown", e.getMessage()))
            .build();
    }
}
