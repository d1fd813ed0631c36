package dev.skein.gateway.session;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most twice that. A message without
 * a token waits ({@link InboundLane}); the bucket says how long.
 */
final class RateLimiter {

    private final double perSecond;
    private final double capacity;
    /**
     * Tokens a paused client waits for: 20 ms worth, so a paced client costs a timer per 20 ms, not
     * per message, and what waited meanwhile is handled (and merged) as one batch.
     */
    private final double resumeAt;
    private double tokens;
    private long lastNanos;

    RateLimiter(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = 2.0 * perSecond;
        this.resumeAt = Math.max(1.0, perSecond / 50.0);
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes a token if the bucket holds one.
     *
     * @return 0 when a token was taken; else nanoseconds until the bucket holds 20 ms worth
     */
    synchronized long tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((resumeAt - tokens) / perSecond * 1e9);
    }
}
