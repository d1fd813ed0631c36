package dev.skein.persistence;

import dev.skein.persistence.kafka.StorageLag;
import dev.skein.persistence.kafka.TopicSetup;
import dev.skein.persistence.kafka.UpdateConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Creates the topics and starts the consumer (which creates the bucket); on shutdown writes and commits what is buffered. */
@ApplicationScoped
public class PersistenceLifecycle {

    private final TopicSetup topics;
    private final UpdateConsumer consumer;
    private final StorageLag lag;

    PersistenceLifecycle(TopicSetup topics, UpdateConsumer consumer, StorageLag lag) {
        this.topics = topics;
        this.consumer = consumer;
        this.lag = lag;
    }

    void onStart(@Observes StartupEvent event) {
        topics.ensure();
        consumer.start();
        lag.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        lag.stop();
        consumer.stop();
    }
}
