package dev.skein.doc.config;

import dev.skein.messaging.InstanceId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This doc-service's {@link InstanceId}: {@code skein.doc.instance-id}, or a random {@code doc-<uuid>}. */
@ApplicationScoped
public class DocIdentity {

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(DocConfig config) {
        return InstanceId.configuredOr(config.instanceId(), "doc");
    }
}
