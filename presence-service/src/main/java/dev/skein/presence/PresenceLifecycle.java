package dev.skein.presence;

import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.ingest.AwarenessConsumer;
import dev.skein.presence.sweep.Sweeper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Starts the awareness consumer and the periodic sweep with the application, and stops them. */
@ApplicationScoped
public class PresenceLifecycle {

    private final AwarenessConsumer consumer;
    private final Sweeper sweeper;
    private final long sweepMillis;
    private ScheduledExecutorService scheduler;

    PresenceLifecycle(AwarenessConsumer consumer, Sweeper sweeper, PresenceConfig config) {
        this.consumer = consumer;
        this.sweeper = sweeper;
        this.sweepMillis = config.sweepInterval().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        consumer.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skein-presence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        // fixed delay: a slow sweep (Redis timing out) never piles up runs behind it
        scheduler.scheduleWithFixedDelay(sweeper::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        consumer.stop();
    }
}
