package dev.skein.persistence.history;

import dev.skein.persistence.config.HistoryConfig;
import dev.skein.storage.history.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * When a version is taken, judged by the log's record timestamps so that reading the same records
 * again after a restart cuts at the same places: before an update that follows a pause of
 * {@code idle}, or when editing has gone on for {@code max-interval} since the first change
 * without a version; and, by the clock, once a caught-up document has been quiet for {@code idle}.
 */
@ApplicationScoped
public class VersionCuts {

    private final long idleMillis;
    private final long maxIntervalMillis;

    @Inject
    VersionCuts(HistoryConfig config) {
        this(config.idle(), config.maxInterval());
    }

    /** Cuts with the given pause and interval. */
    public VersionCuts(Duration idle, Duration maxInterval) {
        this.idleMillis = idle.toMillis();
        this.maxIntervalMillis = maxInterval.toMillis();
    }

    /** Whether a version must be taken before an update that reached the log at {@code timestampMillis}. */
    Optional<Trigger> before(VersionTracker tracker, long timestampMillis) {
        if (!tracker.unversioned) {
            return Optional.empty();
        }
        if (timestampMillis - tracker.lastUpdateTimestamp >= idleMillis) {
            return Optional.of(Trigger.IDLE);
        }
        if (timestampMillis - tracker.firstUnversionedTimestamp >= maxIntervalMillis) {
            return Optional.of(Trigger.INTERVAL);
        }
        return Optional.empty();
    }

    /** Whether a document whose partition is read up to its end has been quiet long enough at {@code nowMillis}. */
    boolean idleAt(VersionTracker tracker, long nowMillis) {
        return tracker.unversioned && nowMillis - tracker.lastUpdateTimestamp >= idleMillis;
    }
}
