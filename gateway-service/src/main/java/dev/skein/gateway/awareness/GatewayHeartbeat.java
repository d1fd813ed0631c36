package dev.skein.gateway.awareness;

import dev.skein.contract.AwarenessRecords;
import dev.skein.messaging.TopicsConfig;
import dev.skein.messaging.InstanceId;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Sends this gateway's heartbeat onto the awareness topic every
 * {@code skein.gateway.awareness.heartbeat-interval}, so that presence-service can tell a gateway
 * that died (its clients' cursors must disappear) from one whose clients are just quiet.
 */
@ApplicationScoped
public class GatewayHeartbeat {

    private static final Logger LOG = Logger.getLogger(GatewayHeartbeat.class);

    private final Producer<String, byte[]> producer;
    private final TopicsConfig topics;
    private final InstanceId instanceId;
    private final long intervalMillis;
    private ScheduledExecutorService scheduler;

    GatewayHeartbeat(Producer<String, byte[]> producer, TopicsConfig topics, InstanceId instanceId,
            AwarenessConfig config) {
        this.producer = producer;
        this.topics = topics;
        this.instanceId = instanceId;
        this.intervalMillis = config.heartbeatInterval().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skein-gateway-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void beat() {
        try {
            producer.send(AwarenessRecords.heartbeat(topics.awareness(), instanceId.value()), (metadata, failure) -> {
                if (failure != null) {
                    LOG.debugf("heartbeat not sent: %s", failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // the broker monitor reports an unreachable broker; the next beat tries again
            LOG.debugf("heartbeat not sent: %s", e.getMessage());
        }
    }
}
