package dev.skein.presence.config;

import dev.skein.messaging.InstanceId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * This presence-service's {@link InstanceId}: {@code skein.presence.instance-id}, or a random
 * {@code presence-<uuid>}; the removals it publishes carry the origin {@code presence/<id>}.
 */
@ApplicationScoped
public class PresenceIdentity {

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(PresenceConfig config) {
        return InstanceId.configuredOr(config.instanceId(), "presence");
    }
}
