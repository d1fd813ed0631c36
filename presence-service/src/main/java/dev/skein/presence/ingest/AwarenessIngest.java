package dev.skein.presence.ingest;

import dev.skein.contract.AwarenessRecords;
import dev.skein.contract.DocumentIds;
import dev.skein.contract.RecordKind;
import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.events.PresenceEvent;
import dev.skein.presence.events.PresenceEvents;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.presence.store.PresenceEntry;
import dev.skein.presence.store.PresenceStore;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one record of the awareness topic to the store.
 *
 * <ul>
 *   <li>A heartbeat renews its gateway.</li>
 *   <li>An awareness state is stored if its clock is newer than the stored one (y-protocols'
 *       rule), tagged with the record's gateway and principal; the client's first appearance is
 *       kept as "since".</li>
 *   <li>A removal (state {@code null}, as the gateway produces when a connection closes, or as
 *       this service broadcasts) deletes the state at once. The removal was already broadcast by
 *       whoever produced it, so nothing is published here.</li>
 * </ul>
 *
 * Records without a gateway header (removals this service publishes, foreign producers) are
 * stored under the gateway {@value #UNKNOWN_GATEWAY}, which never heartbeats: such states simply
 * expire.
 */
@ApplicationScoped
public class AwarenessIngest {

    /** Gateway of records that name none. */
    public static final String UNKNOWN_GATEWAY = "unknown";

    private final PresenceStore store;
    private final AwarenessValidator validator;
    private final PresenceEvents events;
    private final PresenceMetrics metrics;
    private final Clock clock;
    private final long ttlMillis;

    AwarenessIngest(PresenceStore store, AwarenessValidator validator, PresenceEvents events, PresenceMetrics metrics,
            PresenceConfig config) {
        this.store = store;
        this.ttlMillis = config.stateTtl().toMillis();
        this.validator = validator;
        this.events = events;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /**
     * Applies one record.
     *
     * @throws dev.skein.presence.store.PresenceUnavailableException if Redis does not answer
     */
    public void apply(ConsumerRecord<String, byte[]> record) {
        Optional<RecordKind> kind = RecordKind.of(record.headers());
        if (kind.isEmpty() || record.key() == null) {
            return;
        }
        long now = clock.millis();
        if (kind.get() == RecordKind.GATEWAY_HEARTBEAT) {
            store.heartbeat(record.key(), now);
            return;
        }
        if (kind.get() != RecordKind.AWARENESS || record.value() == null) {
            return;
        }
        if (!DocumentIds.isValid(record.key())) {
            metrics.dropped("malformed");
            return;
        }
        List<AwarenessUpdate.Entry> entries = validator.entries(record.value());
        if (entries.isEmpty()) {
            return;
        }
        Optional<String> gatewayHeader = AwarenessRecords.gateway(record);
        gatewayHeader.ifPresent(gateway -> store.knowGateway(gateway, now));
        String gateway = gatewayHeader.orElse(UNKNOWN_GATEWAY);
        String principal = AwarenessRecords.principal(record);
        for (AwarenessUpdate.Entry entry : entries) {
            applyEntry(record.key(), entry, gateway, principal, now);
        }
    }

    private void applyEntry(String docId, AwarenessUpdate.Entry entry, String gateway, String principal, long now) {
        Optional<PresenceEntry> previous = store.get(docId, entry.clientId());
        if (entry.removed()) {
            if (previous.isPresent() && previous.get().clock() <= entry.clock() && store.remove(previous.get())) {
                PresenceEntry gone = previous.get();
                events.publish(new PresenceEvent("left", docId, gone.clientId(), gone.principal(), gone.gateway(),
                    "disconnected", now));
            }
            return;
        }
        if (previous.isPresent() && previous.get().clock() >= entry.clock()) {
            return;
        }
        // a client back after its state expired (not yet swept) arrives anew
        boolean present = previous.isPresent() && !previous.get().expiredAt(now, ttlMillis);
        long since = present ? previous.get().since() : now;
        store.put(new PresenceEntry(docId, entry.clientId(), entry.clock(), entry.stateJson(), gateway, principal,
            since, now), previous);
        metrics.stored();
        if (!present) {
            events.publish(new PresenceEvent("joined", docId, entry.clientId(), principal, gateway, null, now));
        }
    }
}
