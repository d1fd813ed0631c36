package dev.skein.persistence;

import dev.skein.persistence.kafka.StorageLag;
import dev.skein.persistence.kafka.UpdateConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the consumer (which creates missing topics and the bucket) and the lag measurement; on
 * shutdown writes and commits what is buffered.
 */
@ApplicationScoped
public class PersistenceLifecycle {

    private final UpdateConsumer consumer;
    private final StorageLag lag;

    PersistenceLifecycle(UpdateConsumer consumer, StorageLag lag) {
        this.consumer = consumer;
        this.lag = lag;
    }

    void onStart(@Observes StartupEvent event) {
        consumer.start();
        lag.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        lag.stop();
        consumer.stop();
    }
}
