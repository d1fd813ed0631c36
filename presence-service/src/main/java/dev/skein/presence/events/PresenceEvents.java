package dev.skein.presence.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans presence changes out to the open Server-Sent Events streams of this instance. Events are
 * not stored: a subscriber sees what happens after it subscribed (and reads the current state
 * from the REST API).
 */
@ApplicationScoped
public class PresenceEvents {

    private final BroadcastProcessor<PresenceEvent> processor = BroadcastProcessor.create();

    /** Publishes one change. */
    public void publish(PresenceEvent event) {
        processor.onNext(event);
    }

    /** The changes from now on; slow subscribers lose events rather than hold the publisher. */
    public Multi<PresenceEvent> stream() {
        return processor.onOverflow().drop();
    }
}
