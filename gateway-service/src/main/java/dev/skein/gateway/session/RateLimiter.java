package dev.skein.gateway.session;

/** A token bucket: {@code perSecond} tokens a second, holding at most twice that. */
final class RateLimiter {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    RateLimiter(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = 2.0 * perSecond;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
