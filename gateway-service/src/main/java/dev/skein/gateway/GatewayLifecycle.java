package dev.skein.gateway;

import dev.skein.gateway.health.BrokerMonitor;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts live delivery and the broker check with the application, and says goodbye to clients on shutdown. */
@ApplicationScoped
public class GatewayLifecycle {

    private final LiveDelivery delivery;
    private final BrokerMonitor monitor;
    private final SessionRegistry registry;

    GatewayLifecycle(LiveDelivery delivery, BrokerMonitor monitor, SessionRegistry registry) {
        this.delivery = delivery;
        this.monitor = monitor;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        delivery.start();
        monitor.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        for (Session session : registry.all()) {
            session.close(CloseCodes.GOING_AWAY, "gateway shutting down");
        }
        monitor.stop();
        delivery.stop();
    }
}
