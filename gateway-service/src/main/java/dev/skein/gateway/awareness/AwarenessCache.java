package dev.skein.gateway.awareness;

import dev.skein.gateway.session.SessionRegistry;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.AwarenessStates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this gateway has seen of the awareness of the documents it has connections to, from the
 * awareness topic (every gateway's clients), merged with y-protocols' rules
 * ({@link AwarenessStates}). It answers query-awareness messages and greets a new connection.
 *
 * <p>Kept small on purpose: a document's states start empty when it gets its first local
 * connection and are dropped with the last one, and states not renewed for 30 s are left out.
 * Clients renew every 15 s, so the view is complete within that time. A joining client gets the
 * full snapshot from presence-service ({@link JoinGreeting}); this view is the fallback.
 */
@ApplicationScoped
public class AwarenessCache {

    private final Map<String, AwarenessStates> documents = new ConcurrentHashMap<>();
    private final SessionRegistry registry;

    AwarenessCache(SessionRegistry registry) {
        this.registry = registry;
        registry.onDocumentLeft(documents::remove);
    }

    /** Records a consumed awareness update of a document with local connections; malformed input is ignored. */
    public void apply(String docId, byte[] awarenessUpdate) {
        if (!registry.hasDocument(docId)) {
            return;
        }
        try {
            documents.computeIfAbsent(docId, id -> new AwarenessStates()).apply(awarenessUpdate);
        } catch (YDecodingException | IllegalArgumentException e) {
            // validated by the producing gateway; a record that still fails is not relayed into the view
        }
    }

    /**
     * Whether a state of {@code clientId} at {@code clock} is news to this gateway: it has not seen
     * that client of the document at that clock or later. An awareness entry that is no news is a
     * client relaying what it received (the stock provider sends back every state it gets).
     */
    public boolean isNews(String docId, long clientId, long clock) {
        AwarenessStates states = documents.get(docId);
        if (states == null) {
            return true;
        }
        OptionalLong seen = states.clock(clientId);
        return seen.isEmpty() || seen.getAsLong() < clock;
    }

    /** The live awareness states of a document as one awareness update, if there are any. */
    public Optional<byte[]> snapshot(String docId) {
        AwarenessStates states = documents.get(docId);
        if (states == null) {
            return Optional.empty();
        }
        states.removeOutdated();
        return states.snapshot().isEmpty() ? Optional.empty() : Optional.of(states.encodeAll());
    }
}
