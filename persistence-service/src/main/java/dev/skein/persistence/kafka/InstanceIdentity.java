package dev.skein.persistence.kafka;

import dev.skein.persistence.config.PersistenceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This instance's id: {@code skein.persistence.instance-id} or a random {@code persistence-<uuid>}. */
@ApplicationScoped
public class InstanceIdentity {

    private final String value;

    InstanceIdentity(PersistenceConfig config) {
        this.value = config.instanceId().orElseGet(() -> "persistence-" + UUID.randomUUID());
    }

    /** The id. */
    public String value() {
        return value;
    }
}
