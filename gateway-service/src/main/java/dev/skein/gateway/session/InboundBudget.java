package dev.skein.gateway.session;

import dev.skein.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes received from all clients and not yet handled, bounded for the whole gateway: frames
 * still being received (Netty holds a frame until its last byte), and messages waiting in the
 * connections' {@link InboundLane}s. Each connection is bounded too, but many clients sending
 * large frames together could still fill the heap; past this budget the client whose bytes would
 * pass it is closed with the transient {@code 4513} instead, as {@link OutboundBudget} does for
 * the other direction.
 */
// @Singleton, not @ApplicationScoped: used for every frame or record, and a client proxy's context
// lookup on each call showed in the gateway's profile under load
@Singleton
public class InboundBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    @Inject
    InboundBudget(GatewayConfig config) {
        this(config.inboundBudgetBytes().orElse(Runtime.getRuntime().maxMemory() / 4));
    }

    InboundBudget(long limit) {
        this.limit = limit;
    }

    /** Counts {@code bytes} as held; false (counting nothing) when that passes the budget. */
    boolean tryHold(long bytes) {
        long current;
        do {
            current = held.get();
            // a frame alone always fits, so that one large message is never refused on an idle gateway
            if (current + bytes > limit && current != 0) {
                return false;
            }
        } while (!held.compareAndSet(current, current + bytes));
        return true;
    }

    /** Bytes handled (or dropped with their connection). */
    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes held now, over all connections. */
    public long held() {
        return held.get();
    }

    /** The budget. */
    public long limit() {
        return limit;
    }
}
