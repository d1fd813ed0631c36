package dev.skein.persistence.health;

import dev.skein.persistence.kafka.StorageLag;
import dev.skein.persistence.kafka.UpdateConsumer;
import dev.skein.storage.s3.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the consumer polls and object storage answers a listing; reports how far storage is
 * behind the log ({@link StorageLag}).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final UpdateConsumer consumer;
    private final ObjectStore store;
    private final StorageLag lag;

    ReadinessCheck(UpdateConsumer consumer, ObjectStore store, StorageLag lag) {
        this.consumer = consumer;
        this.store = store;
        this.lag = lag;
    }

    @Override
    public HealthCheckResponse call() {
        boolean storage;
        try {
            store.list("docs/.health/");
            storage = true;
        } catch (RuntimeException e) {
            storage = false;
        }
        return HealthCheckResponse.named("persistence")
            .status(storage && consumer.isReady())
            .withData("storage-reachable", storage)
            .withData("consumer-ready", consumer.isReady())
            .withData("lag-records", lag.records())
            .withData("lag-stalled-seconds", (long) lag.stalledSeconds())
            .build();
    }
}
