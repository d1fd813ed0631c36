package dev.skein.gateway.sync;

import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.Session;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sync requests this gateway has produced and not yet seen answered, by correlation id. */
@ApplicationScoped
public class PendingSyncs {

    private record Pending(Session session, boolean wholeDocument, long startedNanos, long deadlineNanos) {
    }

    /**
     * A request whose whole answer arrived.
     *
     * @param session who asked
     * @param wholeDocument whether it asked for the whole document (an empty state vector)
     */
    public record Answered(Session session, boolean wholeDocument) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final GatewayMetrics metrics;

    PendingSyncs(GatewayConfig config, GatewayMetrics metrics) {
        this.timeoutNanos = config.syncTimeout().toNanos();
        this.metrics = metrics;
    }

    /** Registers a new request of a session and returns its correlation id. */
    public String start(Session session, boolean wholeDocument) {
        String correlationId = UUID.randomUUID().toString();
        long now = System.nanoTime();
        pending.put(correlationId, new Pending(session, wholeDocument, now, now + timeoutNanos));
        return correlationId;
    }

    /** Whether a reply with this correlation id is awaited. */
    public boolean awaits(String correlationId) {
        return pending.containsKey(correlationId);
    }

    /** Removes a request whose whole answer arrived, times it, and returns its session. */
    public Optional<Answered> answered(String correlationId) {
        Pending removed = pending.remove(correlationId);
        if (removed == null) {
            return Optional.empty();
        }
        metrics.syncAnswered(System.nanoTime() - removed.startedNanos());
        return Optional.of(new Answered(removed.session(), removed.wholeDocument()));
    }

    /** Removes a request (failed or given up) and returns its session. */
    public Optional<Session> complete(String correlationId) {
        Pending removed = pending.remove(correlationId);
        return removed == null ? Optional.empty() : Optional.of(removed.session());
    }

    /** Removes the requests past their deadline or of closed sessions; returns the sessions still open that waited in vain. */
    public List<Session> expire() {
        long now = System.nanoTime();
        List<Session> expired = new ArrayList<>();
        pending.entrySet().removeIf(entry -> {
            Session session = entry.getValue().session();
            if (!session.isOpen()) {
                return true;
            }
            if (now - entry.getValue().deadlineNanos() > 0) {
                expired.add(session);
                return true;
            }
            return false;
        });
        return expired;
    }

    /** Number of requests awaiting an answer. */
    public int size() {
        return pending.size();
    }
}
