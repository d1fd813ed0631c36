package dev.skein.persistence.batch;

import dev.skein.persistence.config.PersistenceConfig;

/**
 * When a document's buffer is written: at {@code maxUpdates} updates, at {@code maxBytes} bytes, or
 * when its oldest update is {@code maxAgeNanos} old, whichever comes first.
 *
 * @param maxUpdates updates per document
 * @param maxBytes bytes per document
 * @param maxAgeNanos age of the oldest buffered update
 */
public record FlushBounds(int maxUpdates, long maxBytes, long maxAgeNanos) {

    /** Checks the bounds. */
    public FlushBounds {
        if (maxUpdates < 1 || maxBytes < 1 || maxAgeNanos < 0) {
            throw new IllegalArgumentException("flush bounds must be positive");
        }
    }

    /** The bounds of {@code skein.persistence.flush.*}. */
    public static FlushBounds of(PersistenceConfig.Flush flush) {
        return new FlushBounds(flush.maxUpdates(), flush.maxBytes(), flush.maxAge().toNanos());
    }

    /** Why {@code pending} must be written now, or {@code null} if it may wait. */
    public String reason(PendingDocument pending, long nowNanos) {
        if (pending.updates().size() >= maxUpdates) {
            return "count";
        }
        if (pending.bytes() >= maxBytes) {
            return "size";
        }
        if (nowNanos - pending.firstArrivalNanos() >= maxAgeNanos) {
            return "time";
        }
        return null;
    }
}
