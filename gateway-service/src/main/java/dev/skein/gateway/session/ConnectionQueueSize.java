package dev.skein.gateway.session;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sizes the queue WebSockets Next gives every connection (its per-connection concurrency limiter,
 * which orders callbacks): an unbounded queue allocated in chunks of Mutiny's small buffer size,
 * 256 references by default, so 1 KiB of every idle connection's heap held room for callbacks
 * that almost never wait. A chunk of {@link #CHUNK} holds what does wait (the messages read while
 * a connection opens); more links another chunk. The gateway consumes no Mutiny streams whose
 * prefetch this size would also set. A {@code mutiny.buffer-size.s} system property still wins.
 */
@ApplicationScoped
public class ConnectionQueueSize {

    /** Mutiny's smallest accepted buffer size for this setting. */
    static final int CHUNK = 16;

    void shrink(@Observes @Priority(1) StartupEvent event) {
        Infrastructure.setBufferSizeS(CHUNK);
    }
}
