package dev.skein.gateway.delivery;

import dev.skein.gateway.session.SessionRegistry;
import dev.skein.gateway.session.OutboundFrame;
import dev.skein.gateway.session.Session;
import dev.skein.contract.DocumentRecords;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.sync.HeldDocuments;
import dev.skein.messaging.InstanceId;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncUpdate;
import jakarta.inject.Singleton;

/**
 * Delivers document updates to this gateway's connections, each exactly once.
 *
 * <p>With {@code skein.gateway.local-delivery} (the default), an update a connection sends reaches
 * the gateway's other connections of the document as soon as it is handed to the Kafka producer,
 * without waiting for the round trip through the log; the consumed record is then delivered only
 * to connections of other gateways. This hides the Kafka hop from peers on the same gateway (Yjs
 * updates commute, so seeing an update before the log has it is harmless: if the write fails the
 * sender is closed and resends it after reconnecting). A connection that joins meanwhile still
 * gets it: it registers before its sync request is produced, and the update was handed to the
 * producer before the fan-out looked at the registry, so the update precedes the sync request in
 * the partition and is part of the sync reply. Without local delivery every update takes the log.
 */
// @Singleton, not @ApplicationScoped: used for every frame or record, and a client proxy's context
// lookup on each call showed in the gateway's profile under load
@Singleton
public class UpdateFanout {

    private final SessionRegistry registry;
    private final HeldDocuments held;
    private final boolean localDelivery;
    private final String ownOriginPrefix;

    UpdateFanout(SessionRegistry registry, HeldDocuments held, InstanceId instanceId, GatewayConfig config) {
        this.registry = registry;
        this.held = held;
        this.localDelivery = config.localDelivery();
        this.ownOriginPrefix = DocumentRecords.connectionOrigin(instanceId.value(), "");
    }

    /** An update {@code from} sent, just handed to the producer: to the document's other local connections. */
    public void sent(Session from, byte[] update) {
        if (!localDelivery) {
            return;
        }
        // held first, handed to connections after: a join answered meanwhile misses nothing
        held.add(from.docId(), update);
        OutboundFrame frame = OutboundFrame.of(MessageCodec.encode(new SyncUpdate(update)));
        try {
            for (Session session : registry.sessionsOf(from.docId())) {
                if (session != from) {
                    session.send(frame);
                }
            }
        } finally {
            frame.release();
        }
    }

    /** Whether an update record with this origin was sent by a connection of this gateway. */
    public boolean fromThisGateway(String origin) {
        return origin.startsWith(ownOriginPrefix);
    }

    /** A consumed update record: to the local connections that have not had it yet. */
    public void consumed(String docId, String origin, byte[] update) {
        if (localDelivery && fromThisGateway(origin)) {
            // produced by a connection of this gateway: delivered locally when it was sent
            return;
        }
        held.add(docId, update);
        OutboundFrame frame = null;
        try {
            for (Session session : registry.sessionsOf(docId)) {
                if (!session.origin().equals(origin)) {
                    if (frame == null) {
                        frame = OutboundFrame.of(MessageCodec.encode(new SyncUpdate(update)));
                    }
                    session.send(frame);
                }
            }
        } finally {
            if (frame != null) {
                frame.release();
            }
        }
    }
}
