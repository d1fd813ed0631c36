package dev.skein.presence.sweep;

import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.events.PresenceEvent;
import dev.skein.presence.events.PresenceEvents;
import dev.skein.presence.kafka.RemovalPublisher;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.presence.store.ClientRef;
import dev.skein.presence.store.PresenceEntry;
import dev.skein.presence.store.PresenceStore;
import dev.skein.presence.store.PresenceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Removes what is gone and tells every gateway: the clients of gateways silent for longer than
 * {@code skein.presence.gateway-timeout}, and states not renewed within
 * {@code skein.presence.state-ttl}. Removals are broadcast on the awareness topic, one record per
 * document. Several instances may sweep at once: each removal is claimed in Redis first, so it
 * is announced once.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);
    private static final int BATCH = 1_000;

    private final PresenceStore store;
    private final RemovalPublisher publisher;
    private final PresenceEvents events;
    private final PresenceMetrics metrics;
    private final long gatewayTimeoutMillis;
    private final long ttlMillis;
    private final Clock clock = Clock.systemUTC();

    Sweeper(PresenceStore store, RemovalPublisher publisher, PresenceEvents events, PresenceMetrics metrics,
            PresenceConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
        this.gatewayTimeoutMillis = config.gatewayTimeout().toMillis();
        this.ttlMillis = config.stateTtl().toMillis();
    }

    /** One sweep; also the periodic check that Redis answers. */
    public void sweep() {
        try {
            store.ping();
            sweepDeadGateways();
            sweepExpired();
        } catch (PresenceUnavailableException e) {
            LOG.debugf("sweep skipped: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("sweep failed", e);
        }
    }

    private void sweepDeadGateways() {
        long now = clock.millis();
        for (String gateway : store.silentGateways(now - gatewayTimeoutMillis)) {
            if (!store.claimGateway(gateway)) {
                continue;
            }
            Map<String, List<PresenceEntry>> gone = new LinkedHashMap<>();
            for (String member : store.clientsOf(gateway)) {
                ClientRef ref = ClientRef.parse(member);
                Optional<PresenceEntry> entry = store.get(ref.docId(), ref.clientId());
                // a client that moved to another gateway since is not this gateway's to remove
                if (entry.isPresent() && entry.get().gateway().equals(gateway) && store.remove(entry.get())) {
                    gone.computeIfAbsent(ref.docId(), id -> new ArrayList<>()).add(entry.get());
                }
            }
            store.dropGateway(gateway);
            int count = announce(gone, "gateway-dead", now);
            LOG.infof("gateway %s silent for %d ms: removed %d clients", gateway, gatewayTimeoutMillis, count);
        }
    }

    private void sweepExpired() {
        long now = clock.millis();
        Map<String, List<PresenceEntry>> gone = new LinkedHashMap<>();
        for (String member : store.dueClients(now, BATCH)) {
            if (!store.claimDue(member)) {
                continue;
            }
            ClientRef ref = ClientRef.parse(member);
            Optional<PresenceEntry> entry = store.get(ref.docId(), ref.clientId());
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.get().expiredAt(now, ttlMillis)) {
                // renewed between the due list and the claim
                store.reschedule(entry.get());
            } else if (store.remove(entry.get())) {
                gone.computeIfAbsent(ref.docId(), id -> new ArrayList<>()).add(entry.get());
            }
        }
        announce(gone, "expired", now);
    }

    private int announce(Map<String, List<PresenceEntry>> gone, String cause, long now) {
        int count = 0;
        for (Map.Entry<String, List<PresenceEntry>> doc : gone.entrySet()) {
            publisher.publish(doc.getKey(), doc.getValue());
            for (PresenceEntry entry : doc.getValue()) {
                events.publish(new PresenceEvent("left", entry.docId(), entry.clientId(), entry.principal(),
                    entry.gateway(), cause, now));
            }
            count += doc.getValue().size();
        }
        if (count > 0) {
            metrics.removed(cause, count);
        }
        return count;
    }
}
