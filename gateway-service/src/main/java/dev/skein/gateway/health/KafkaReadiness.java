package dev.skein.gateway.health;

import dev.skein.gateway.delivery.LiveDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the broker answers and live delivery is positioned on every partition. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final BrokerMonitor broker;
    private final LiveDelivery delivery;

    KafkaReadiness(BrokerMonitor broker, LiveDelivery delivery) {
        this.broker = broker;
        this.delivery = delivery;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka")
            .status(broker.isReachable() && delivery.isReady())
            .withData("broker-reachable", broker.isReachable())
            .withData("delivery-ready", delivery.isReady())
            .build();
    }
}
