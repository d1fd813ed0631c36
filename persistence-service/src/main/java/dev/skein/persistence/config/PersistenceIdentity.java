package dev.skein.persistence.config;

import dev.skein.messaging.InstanceId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This instance's {@link InstanceId}: {@code skein.persistence.instance-id}, or a random {@code persistence-<uuid>}. */
@ApplicationScoped
public class PersistenceIdentity {

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(PersistenceConfig config) {
        return InstanceId.configuredOr(config.instanceId(), "persistence");
    }
}
