package dev.skein.presence.api;

import dev.skein.presence.store.PresenceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Redis down: 503 with the reason, and a hint to retry shortly. */
public class UnavailableMapper {

    @ServerExceptionMapper
    Response unavailable(PresenceUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
            .header("Retry-After", "2")
            .type(MediaType.APPLICATION_JSON)
            .entity(new Problem("presence-unavailable", e.getMessage()))
            .build();
    }
}
