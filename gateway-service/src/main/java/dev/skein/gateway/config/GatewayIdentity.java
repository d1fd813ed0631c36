package dev.skein.gateway.config;

import dev.skein.messaging.InstanceId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This gateway's {@link InstanceId}: {@code skein.gateway.instance-id}, or a random {@code gw-<uuid>}. */
@ApplicationScoped
public class GatewayIdentity {

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(GatewayConfig config) {
        return InstanceId.configuredOr(config.instanceId(), "gw");
    }
}
