package dev.skein.presence.health;

import dev.skein.presence.auth.AclChangeListener;
import dev.skein.presence.ingest.AwarenessConsumer;
import dev.skein.presence.store.PresenceStore;
import dev.skein.presence.store.PresenceUnavailableException;
import dev.skein.presence.store.RedisStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Redis answers (asked now), the awareness consumer polls and, with authentication on,
 * the ACL change listener reads its topic (else a revocation could go unnoticed); says why not.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final PresenceStore store;
    private final RedisStatus status;
    private final AwarenessConsumer consumer;
    private final AclChangeListener aclChanges;

    RedisReadiness(PresenceStore store, RedisStatus status, AwarenessConsumer consumer, AclChangeListener aclChanges) {
        this.store = store;
        this.status = status;
        this.consumer = consumer;
        this.aclChanges = aclChanges;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
        } catch (PresenceUnavailableException e) {
            // recorded in status by the store
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("presence")
            .status(status.isUp() && consumer.isReady() && aclChanges.isListening())
            .withData("redis", status.isUp() ? "up" : "down")
            .withData("kafka-consumer", consumer.isReady() ? "polling" : "starting")
            .withData("acl-changes", aclChanges.isListening() ? "reading" : "starting");
        if (!status.isUp()) {
            response.withData("reason", status.reason());
        }
        return response.build();
    }
}
