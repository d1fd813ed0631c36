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
        // the call to presence-service blocks: never on the event loop that opens the connection
        // and answers its sync step 1
        Infrastructure.getDefaultWorkerPool().execute(() -> ask(session));
    }

    private void ask(Session session) {
        Optional<byte[]> answer;
        try {
            answer = presence.awarenessOf(session.docId());
        } catch (RuntimeException e) {
            // unreachable, refused, or anything unforeseen: the joiner is still greeted
            fallBack(session, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallBack(session, "interrupted");
            return;
        }
        if (!valid(answer)) {
            fallBack(session, "invalid answer");
            return;
        }
        // warms this gateway's view too, so query-awareness answers are complete
        answer.ifPresent(update -> cache.apply(session.docId(), update));
        answer.ifPresent(update -> send(session, update));
    }

    private void fallBack(Session session, String why) {
        metrics.error("presence-fallback");
        LOG.debugf("awareness of %s from this gateway's view: %s", session.docId(), why);
        cache.snapshot(session.docId()).ifPresent(update -> send(session, update));
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
