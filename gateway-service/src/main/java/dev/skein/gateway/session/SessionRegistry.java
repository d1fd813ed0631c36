package dev.skein.gateway.session;

import dev.skein.contract.DocumentRecords;
import dev.skein.gateway.config.CompressionConfig;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.messaging.InstanceId;
import dev.skein.gateway.metrics.GatewayMetrics;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** This instance's connections by document: whom to deliver a consumed record to. */
// @Singleton, not @ApplicationScoped: used for every frame or record, and a client proxy's context
// lookup on each call showed in the gateway's profile under load
@Singleton
public class SessionRegistry {

    private final ConcurrentMap<String, Set<Session>> byDocument = new ConcurrentHashMap<>();
    private final List<Consumer<String>> documentLeftListeners = new CopyOnWriteArrayList<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final InstanceId instanceId;
    private final InboundWorkers workers;
    private final OutboundBudget budget;
    private final Timers timers;
    private final SessionLimits limits;
    private final InboundBudget inboundBudget;

    SessionRegistry(GatewayConfig config, GatewayMetrics metrics, InstanceId instanceId, InboundWorkers workers,
            OutboundBudget budget, InboundBudget inboundBudget, Timers timers, CompressionConfig compression) {
        this.inboundBudget = inboundBudget;
        this.budget = budget;
        this.timers = timers;
        this.limits = SessionLimits.of(config, compression);
        this.config = config;
        this.metrics = metrics;
        this.instanceId = instanceId;
        this.workers = workers;
        metrics.gauges(this::connectionCount, byDocument::size);
    }

    /**
     * Registers a connection for live delivery of its document; {@code inboundHandler} handles
     * its messages, in order, one batch at a time (see {@code InboundLane}).
     *
     * @return the session, or empty when the document already has the maximum of connections
     */
    public Optional<Session> register(WebSocketConnection connection, String docId,
            BiConsumer<Session, List<byte[]>> inboundHandler) {
        Session session = new Session(connection, docId,
            DocumentRecords.connectionOrigin(instanceId.value(), connection.id()),
            limits, timers, workers, inboundHandler, metrics, this::remove, budget, inboundBudget);
        boolean[] admitted = {false};
        byDocument.compute(docId, (id, sessions) -> {
            Set<Session> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            if (set.size() < config.maxConnectionsPerDocument()) {
                set.add(session);
                admitted[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        return admitted[0] ? Optional.of(session) : Optional.empty();
    }

    /** Removes a session; the last one of a document tells the document-left listeners. */
    public void remove(Session session) {
        boolean[] last = {false};
        byDocument.computeIfPresent(session.docId(), (id, sessions) -> {
            sessions.remove(session);
            last[0] = sessions.isEmpty();
            return sessions.isEmpty() ? null : sessions;
        });
        if (last[0]) {
            documentLeftListeners.forEach(l -> l.accept(session.docId()));
        }
    }

    /** Called with a document id when its last connection on this instance is gone. */
    public void onDocumentLeft(Consumer<String> listener) {
        documentLeftListeners.add(listener);
    }

    /** The open sessions of a document. */
    public Set<Session> sessionsOf(String docId) {
        Set<Session> sessions = byDocument.get(docId);
        return sessions == null ? Set.of() : sessions;
    }

    /** Whether this instance has a connection to the document. */
    public boolean hasDocument(String docId) {
        return byDocument.containsKey(docId);
    }

    /** Every open session. */
    public List<Session> all() {
        List<Session> all = new ArrayList<>();
        byDocument.values().forEach(all::addAll);
        return all;
    }

    /** Number of open sessions. */
    public int connectionCount() {
        int count = 0;
        for (Set<Session> sessions : byDocument.values()) {
            count += sessions.size();
        }
        return count;
    }

    /** Number of documents with an open session. */
    public int documentCount() {
        return byDocument.size();
    }
}
