package dev.skein.gateway.protocol;

import dev.skein.gateway.session.CloseCodes;
import dev.skein.contract.SyncRequest;
import dev.skein.gateway.auth.PermissionDenied;
import dev.skein.gateway.awareness.AwarenessCache;
import dev.skein.gateway.awareness.AwarenessCoalescer;
import dev.skein.messaging.InstanceId;
import dev.skein.gateway.kafka.RecordPublisher;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.delivery.UpdateFanout;
import dev.skein.gateway.sync.HeldDocuments;
import dev.skein.gateway.sync.PendingSyncs;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.protocol.AuthMessage;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import dev.skein.ycrdt.protocol.CustomMessage;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.QueryAwareness;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Handles a session's inbound y-websocket messages, switching on their type.
 *
 * <ul>
 *   <li>SyncStep1: answered at once from {@link HeldDocuments} when the gateway holds the
 *       document, else produces an in-band sync request (the session is already registered for
 *       live delivery); the reply is sent by {@link dev.skein.gateway.sync.SyncReplyDelivery}.</li>
 *   <li>SyncStep2 and update: validated by a full decode, produced as an {@code update} record,
 *       consecutive ones of a batch merged into one (empty updates are dropped; a read-only connection's are dropped and answered with a
 *       permission-denied message).</li>
 *   <li>Awareness: validated, produced to the awareness topic through {@link AwarenessCoalescer}
 *       (fan-out happens when it is consumed).</li>
 *   <li>Query awareness: answered from {@link AwarenessCache}.</li>
 *   <li>Auth and unknown messages: ignored, as the stock server does.</li>
 * </ul>
 *
 * A malformed message closes the session with {@link CloseCodes#MALFORMED_MESSAGE} and is not
 * produced; a record Kafka does not take closes it with {@link CloseCodes#TRY_AGAIN_LATER}.
 */
@ApplicationScoped
public class MessageHandler {

    private static final Logger LOG = Logger.getLogger(MessageHandler.class);
    private static final byte[] EMPTY_UPDATE = {0, 0};
    private static final byte[] EMPTY_STATE_VECTOR = {0};

    private final RecordPublisher publisher;
    private final PendingSyncs pendingSyncs;
    private final AwarenessCache awareness;
    private final AwarenessCoalescer coalescer;
    private final InstanceId instanceId;
    private final GatewayMetrics metrics;
    private final UpdateFanout fanout;
    private final HeldDocuments held;

    MessageHandler(RecordPublisher publisher, PendingSyncs pendingSyncs, AwarenessCache awareness,
            AwarenessCoalescer coalescer, InstanceId instanceId, GatewayMetrics metrics, UpdateFanout fanout,
            HeldDocuments held) {
        this.fanout = fanout;
        this.held = held;
        this.publisher = publisher;
        this.pendingSyncs = pendingSyncs;
        this.awareness = awareness;
        this.coalescer = coalescer;
        this.instanceId = instanceId;
        this.metrics = metrics;
    }

    /**
     * Handles a connection's next messages, in order. Consecutive document updates (update and
     * sync step 2 messages) are merged into one update and produced as one record: what a paced
     * client sent meanwhile, often hundreds of one-keystroke transactions, costs the broker,
     * doc-service, storage and the document's readers one record. A malformed message closes the
     * connection; the updates before it are still produced.
     */
    public void handle(Session session, List<byte[]> frames) {
        List<byte[]> updates = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            Message message;
            try {
                message = MessageCodec.decode(frame);
                validate(message);
            } catch (YDecodingException | IllegalArgumentException e) {
                publishUpdates(session, updates);
                metrics.error("malformed");
                LOG.debugf("malformed message on %s: %s", session.id(), e.getMessage());
                session.close(CloseCodes.MALFORMED_MESSAGE, "malformed message");
                return;
            }
            byte[] update = message instanceof SyncUpdate u ? u.update()
                : message instanceof SyncStep2 step2 ? step2.update() : null;
            if (update != null) {
                if (!java.util.Arrays.equals(update, EMPTY_UPDATE)) {
                    updates.add(update);
                }
                continue;
            }
            publishUpdates(session, updates);
            updates.clear();
            try {
                handleOther(session, message);
            } catch (RuntimeException e) {
                // one failing message must not cost the ones after it in the batch
                LOG.warnf("message of type %d on %s failed: %s", message.type(), session.id(), e.toString());
            }
        }
        publishUpdates(session, updates);
    }

    private void handleOther(Session session, Message message) {
        if (message instanceof SyncStep1 step1) {
            requestSync(session, step1.stateVector());
        } else if (message instanceof AwarenessMessage awarenessMessage) {
            publishAwareness(session, awarenessMessage.awarenessUpdate());
        } else if (message instanceof QueryAwareness) {
            awareness.snapshot(session.docId())
                .ifPresent(states -> session.send(MessageCodec.encode(new AwarenessMessage(states))));
        } else if (message instanceof AuthMessage || message instanceof CustomMessage) {
            LOG.debugf("ignored message of type %d on %s", message.type(), session.id());
        }
    }

    /** Produces {@code updates} (validated, in order) as one record: merged when more than one. */
    private void publishUpdates(Session session, List<byte[]> updates) {
        if (updates.isEmpty()) {
            return;
        }
        if (updates.size() == 1) {
            publishUpdate(session, updates.get(0));
            return;
        }
        publishUpdate(session, Updates.mergeUpdates(updates));
        metrics.merged(updates.size());
    }

    private static void validate(Message message) {
        if (message instanceof SyncStep1 step1) {
            StateVector.decode(step1.stateVector());
        } else if (message instanceof SyncStep2 step2) {
            Updates.validateUpdate(step2.update());
        } else if (message instanceof SyncUpdate update) {
            Updates.validateUpdate(update.update());
        } else if (message instanceof AwarenessMessage awarenessMessage) {
            AwarenessUpdate.decode(awarenessMessage.awarenessUpdate());
        }
    }

    private void requestSync(Session session, byte[] stateVector) {
        if (held.answer(session, stateVector)) {
            return;
        }
        // collected from before the request is in the log: the answer is the base they complete
        held.collect(session.docId());
        String correlationId = pendingSyncs.start(session, java.util.Arrays.equals(stateVector, EMPTY_STATE_VECTOR));
        watch(session, publisher.syncRequest(
            new SyncRequest(session.docId(), correlationId, instanceId.value(), stateVector)));
    }

    private void publishUpdate(Session session, byte[] update) {
        if (!session.access().canWrite()) {
            // Read-only: nothing reaches Kafka; the client learns why, as y-protocols defines.
            metrics.error("read-only");
            session.send(PermissionDenied.readOnly());
            return;
        }
        watch(session, publisher.update(session.docId(), update, session.origin(), session.principal()));
        // after the hand-over to the producer, never before: see UpdateFanout
        fanout.sent(session, update);
    }

    private void publishAwareness(Session session, byte[] awarenessUpdate) {
        List<AwarenessUpdate.Entry> entries = AwarenessUpdate.decode(awarenessUpdate, false);
        for (AwarenessUpdate.Entry entry : entries) {
            if (speaksFor(session, entry)) {
                session.trackAwareness(entry.clientId(), entry.clock());
            }
        }
        coalescer.submit(session, entries, awarenessUpdate);
    }

    /**
     * Whether an awareness entry is the connection's own, so that its removal is produced when
     * the connection closes. The stock y-websocket provider sends back every state it receives:
     * those relayed states belong to other connections (often on other gateways), and removing
     * them when this one closes would make their cursors vanish everywhere and presence-service
     * see them leave. A connection speaks for the first client id it announces (a provider's own
     * state comes first, on open, before it can have received anything) and for every state that
     * is news to this gateway; a removal counts only for a client id it already speaks for.
     */
    private boolean speaksFor(Session session, AwarenessUpdate.Entry entry) {
        if (session.speaksFor(entry.clientId())) {
            return true;
        }
        return !entry.removed()
            && (session.speaksForNobody() || awareness.isNews(session.docId(), entry.clientId(), entry.clock()));
    }

    private void watch(Session session, CompletableFuture<Void> produced) {
        produced.whenComplete((ok, failure) -> {
            if (failure != null) {
                metrics.error("produce");
                LOG.warnf("produce for %s failed: %s", session.docId(), failure.getMessage());
                session.close(CloseCodes.TRY_AGAIN_LATER, "broker unavailable");
            }
        });
    }
}
