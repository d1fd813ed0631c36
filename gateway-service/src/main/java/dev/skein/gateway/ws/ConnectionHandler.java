package dev.skein.gateway.ws;

import dev.skein.gateway.session.SessionRegistry;
import dev.skein.gateway.session.Session;
import dev.skein.contract.DocumentIds;
import dev.skein.gateway.auth.AccessEnforcer;
import dev.skein.gateway.auth.Admission;
import dev.skein.gateway.auth.ConnectionAuthorizer;
import dev.skein.gateway.awareness.AwarenessCoalescer;
import dev.skein.gateway.awareness.JoinGreeting;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.health.BrokerMonitor;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.kafka.RecordPublisher;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.HandshakeHeaders;
import dev.skein.gateway.protocol.MessageHandler;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The life of a connection: admission on open (document id, broker state, token and role,
 * per-document limit),
 * per-message limits (size; the message rate paces, see {@link Session#receive}), and clean-up on close: like the stock server, the gateway
 * produces the removal of the awareness client ids the connection speaks for (its own, not the
 * states its provider relays back; see {@link MessageHandler}) at their last clock, which peers
 * accept as a removal, so cursors of a closed tab disappear everywhere.
 */
@ApplicationScoped
public class ConnectionHandler {

    private static final Logger LOG = Logger.getLogger(ConnectionHandler.class);
    private static final UserData.TypedKey<Session> SESSION = new UserData.TypedKey<>("skein.session");
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    /** Longest wait for live delivery to read a newly opened document's partitions (a broker round trip). */
    private static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(10);

    private final SessionRegistry registry;
    private final MessageHandler messages;
    private final LiveDelivery delivery;
    private final BrokerMonitor broker;
    private final JoinGreeting greeting;
    private final AwarenessCoalescer coalescer;
    private final RecordPublisher publisher;
    private final GatewayMetrics metrics;
    private final ConnectionAuthorizer authorizer;
    private final AccessEnforcer enforcer;
    private final int maxFrameSize;

    ConnectionHandler(SessionRegistry registry, MessageHandler messages, LiveDelivery delivery, BrokerMonitor broker,
            JoinGreeting greeting, AwarenessCoalescer coalescer, RecordPublisher publisher, GatewayMetrics metrics,
            GatewayConfig config, ConnectionAuthorizer authorizer, AccessEnforcer enforcer) {
        this.registry = registry;
        this.messages = messages;
        this.delivery = delivery;
        this.broker = broker;
        this.greeting = greeting;
        this.coalescer = coalescer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.authorizer = authorizer;
        this.enforcer = enforcer;
        this.maxFrameSize = config.maxFrameSize();
    }

    /**
     * Admits or refuses a new connection; an admitted one is registered for live delivery at once.
     * Runs on the connection's event loop: the connection's messages wait for it, and two thread
     * hops per join (to a worker and back) were a millisecond or more of every join. What may block
     * goes elsewhere: admission with tokens (JWKS and auth-service calls) on a worker, and the wait
     * for live delivery to read a newly opened document's partitions as a future.
     */
    public Uni<Void> open(WebSocketConnection connection, String docId) {
        if (!DocumentIds.isValid(docId)) {
            metrics.error("invalid-document-id");
            refuse(connection, CloseCodes.INVALID_DOCUMENT_ID, "invalid document id");
            return DONE;
        }
        if (!delivery.isReady() || !broker.isReachable()) {
            metrics.error("broker-unreachable");
            refuse(connection, CloseCodes.TRY_AGAIN_LATER, "broker unavailable");
            return DONE;
        }
        Context context = Vertx.currentContext();
        if (!authorizer.mayBlock() || context == null) {
            return admit(connection, docId, authorizer.admit(connection.handshakeRequest(), docId));
        }
        return Uni.createFrom().completionStage(context.<Admission>executeBlocking(
                () -> authorizer.admit(connection.handshakeRequest(), docId), false).toCompletionStage())
            .emitOn(onContext(context))
            .chain(admission -> admit(connection, docId, admission));
    }

    private Uni<Void> admit(WebSocketConnection connection, String docId, Admission admission) {
        // Before registration: a refused connection never receives a record of the document.
        if (admission.access().isEmpty()) {
            metrics.error(admission.errorKind());
            refuse(connection, admission.closeCode(), admission.reason());
            return DONE;
        }
        Optional<Session> registered = registry.register(connection, docId, messages::handle);
        if (registered.isEmpty()) {
            metrics.error("document-full");
            refuse(connection, CloseCodes.DOCUMENT_FULL, "too many connections to this document");
            return DONE;
        }
        Session session = registered.get();
        // live delivery reads the document's partitions before the client's sync request is read
        CompletableFuture<Void> positioned = delivery.follow(docId);
        if (positioned.isDone()) {
            start(connection, session, admission, !positioned.isCompletedExceptionally());
            return DONE;
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(positioned.copy().orTimeout(FOLLOW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            .onItemOrFailure().transform((ok, failure) -> {
                if (failure != null) {
                    LOG.debugf("live delivery not positioned for %s: %s", docId, failure);
                }
                return failure == null;
            })
            .emitOn(onContext(context))
            .invoke(followed -> start(connection, session, admission, followed))
            .replaceWithVoid();
    }

    private void start(WebSocketConnection connection, Session session, Admission admission, boolean followed) {
        if (!followed) {
            registry.remove(session);
            metrics.error("broker-unreachable");
            refuse(connection, CloseCodes.TRY_AGAIN_LATER, "broker unavailable");
            return;
        }
        session.access(admission.access().get());
        enforcer.watchExpiry(session);
        connection.userData().put(SESSION, session);
        greeting.greet(session);
        // admitted: nothing reads the upgrade request's headers again
        HandshakeHeaders.release(connection);
    }

    /** Runs continuations on the connection's context (its event loop) where there is one. */
    private static Executor onContext(Context context) {
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    /**
     * Handles one inbound binary message, on the connection's event loop: the size limit first,
     * then the message itself at once or, if large or over the message rate, later in the
     * connection's order ({@link InboundLane}).
     */
    public void message(WebSocketConnection connection, byte[] frame) {
        Session session = connection.userData().get(SESSION);
        if (session == null || session.closedByServer()) {
            return;
        }
        metrics.received(frame.length);
        if (frame.length > maxFrameSize) {
            metrics.error("too-big");
            session.close(CloseCodes.MESSAGE_TOO_BIG, "message too big");
            return;
        }
        session.receive(frame);
    }

    /** Handles an inbound text message: y-websocket speaks binary only. */
    public void textMessage(WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            metrics.error("malformed");
            session.close(CloseCodes.MALFORMED_MESSAGE, "text messages are not supported");
        }
    }

    /**
     * Handles a transport failure: a message over the size limit (stopped by Vert.x while it was
     * being received) closes with {@link CloseCodes#MESSAGE_TOO_BIG}, anything else with
     * {@link CloseCodes#INTERNAL_ERROR}.
     */
    public void failed(WebSocketConnection connection, Throwable failure) {
        boolean tooBig = isTooBig(failure);
        metrics.error(tooBig ? "too-big" : "transport");
        int code = tooBig ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.INTERNAL_ERROR;
        String reason = tooBig ? "message too big" : "internal error";
        Session session = connection.userData().get(SESSION);
        if (session != null) {
            session.close(code, reason);
        } else {
            refuse(connection, code, reason);
        }
    }

    private static boolean isTooBig(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String type = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (type.contains("TooLong") || message.contains("exceeds") || message.contains("too big")
                    || message.contains("max frame length") || message.contains("too large")) {
                return true;
            }
        }
        return false;
    }

    /** Cleans up after a closed connection. */
    public void closed(WebSocketConnection connection) {
        Session session = connection.userData().get(SESSION);
        if (session == null) {
            return;
        }
        session.markClosed();
        registry.remove(session);
        // what the client sent before it closed is handled first, so the removal comes last
        session.afterInbound(() -> produceRemovals(session));
    }

    private void produceRemovals(Session session) {
        coalescer.forget(session);
        Map<Long, Long> clocks = session.awarenessClocks();
        if (!clocks.isEmpty() && broker.isReachable()) {
            List<AwarenessUpdate.Entry> removals = new ArrayList<>();
            clocks.forEach((clientId, clock) -> removals.add(AwarenessUpdate.Entry.removal(clientId, clock)));
            publisher.awareness(session.docId(), AwarenessUpdate.encode(removals), session.origin(), session.principal())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.debugf("awareness removal for %s not produced: %s", session.docId(), failure.getMessage());
                    }
                });
        }
    }

    private static void refuse(WebSocketConnection connection, int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failure -> { });
    }
}
