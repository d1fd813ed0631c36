package dev.skein.gateway.awareness;

import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.Session;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import dev.skein.ycrdt.protocol.MessageCodec;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends a joining client the document's current awareness, so it shows every cursor at once
 * instead of after the others' next renewal (up to 15 s): from presence-service, which knows every
 * gateway's clients, or, when it does not answer within {@code presence-timeout}, from what this
 * gateway has seen ({@link AwarenessCache}).
 */
@ApplicationScoped
public class JoinGreeting {

    private static final Logger LOG = Logger.getLogger(JoinGreeting.class);

    private final PresenceClient presence;
    private final AwarenessCache cache;
    private final GatewayMetrics metrics;

    JoinGreeting(PresenceClient presence, AwarenessCache cache, GatewayMetrics metrics) {
        this.presence = presence;
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Greets a newly registered session; returns at once, the greeting follows asynchronously. */
    public void greet(Session session) {
        // the HTTP client does part of a request's work on the calling thread (0.3-3 ms measured):
        // never on the event loop that opens the connection and answers its sync step 1
        Infrastructure.getDefaultWorkerPool().execute(() -> ask(session));
    }

    private void ask(Session session) {
        presence.awarenessOf(session.docId()).whenComplete((answer, failure) -> {
            if (failure == null && valid(answer)) {
                // warms this gateway's view too, so query-awareness answers are complete
                answer.ifPresent(update -> cache.apply(session.docId(), update));
                answer.ifPresent(update -> send(session, update));
            } else {
                metrics.error("presence-fallback");
                LOG.debugf("awareness of %s from this gateway's view: %s", session.docId(),
                    failure == null ? "invalid answer" : failure.getMessage());
                cache.snapshot(session.docId()).ifPresent(update -> send(session, update));
            }
        });
    }

    private static boolean valid(Optional<byte[]> answer) {
        if (answer.isEmpty()) {
            return true;
        }
        try {
            AwarenessUpdate.decode(answer.get());
            return true;
        } catch (YDecodingException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void send(Session session, byte[] update) {
        session.send(MessageCodec.encode(new AwarenessMessage(update)));
    }
}
