package dev.skein.persistence;

import dev.skein.persistence.history.VersionReplyListener;
import dev.skein.persistence.kafka.StorageLag;
import dev.skein.persistence.kafka.UpdateConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the consumer (which creates missing topics and the bucket), the lag measurement and the
 * listener for replies to this instance's version requests; on
 * shutdown writes and commits what is buffered.
 */
@ApplicationScoped
public class PersistenceLifecycle {

    private final UpdateConsumer consumer;
    private final StorageLag lag;
    private final VersionReplyListener versionReplies;

    PersistenceLifecycle(UpdateConsumer consumer, StorageLag lag, VersionReplyListener versionReplies) {
        this.consumer = consumer;
        this.lag = lag;
        this.versionReplies = versionReplies;
    }

    void onStart(@Observes StartupEvent event) {
        consumer.start();
        lag.start();
        versionReplies.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        versionReplies.stop();
        lag.stop();
        consumer.stop();
    }
}
