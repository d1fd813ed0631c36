package dev.skein.gateway.session;

import dev.skein.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes handed to all connections' sockets but not yet written, bounded for the whole gateway.
 * Each connection's own queue is bounded too, but many slow readers together could still fill the
 * heap under overload; past this budget the gateway closes the connection it was about to queue
 * more for (its provider reconnects and syncs) instead of running out of memory.
 */
// @Singleton, not @ApplicationScoped: used for every frame or record, and a client proxy's context
// lookup on each call showed in the gateway's profile under load
@Singleton
public class OutboundBudget {

    private final long limit;
    private final AtomicLong queued = new AtomicLong();

    @Inject
    OutboundBudget(GatewayConfig config) {
        this(config.outboundBudgetBytes().orElse(Runtime.getRuntime().maxMemory() / 4));
    }

    OutboundBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Counts {@code bytes} as queued unless that passes the budget; a frame alone always fits, so
     * that one big sync answer is never refused on an idle gateway.
     */
    boolean tryReserve(long bytes) {
        long now = queued.addAndGet(bytes);
        if (now > limit && now != bytes) {
            queued.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Bytes written (or dropped with their connection). */
    void release(long bytes) {
        queued.addAndGet(-bytes);
    }

    /** Bytes queued now, over all connections. */
    public long queued() {
        return queued.get();
    }

    /** The budget. */
    public long limit() {
        return limit;
    }
}
