package dev.skein.auth.config;

import dev.skein.messaging.InstanceId;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This auth-service's {@link InstanceId} (its Kafka client ids): {@code skein.auth.instance-id}, or a random {@code auth-<uuid>}. */
@ApplicationScoped
public class AuthIdentity {

    @Produces
    @Singleton
    @DefaultBean
    InstanceId instanceId(@ConfigProperty(name = "skein.auth.instance-id") Optional<String> configured) {
        return InstanceId.configuredOr(configured, "auth");
    }
}
