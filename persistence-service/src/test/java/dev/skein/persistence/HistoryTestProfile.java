package dev.skein.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * History with short pauses: a version after 1 s without edits, at least every 3 s of editing;
 * small batches, so that versions span many batches and changes objects. Documents named
 * {@code nohistory-…} have none. Retention keeps its defaults (1d:all,7d:1h,90d:1d).
 */
public class HistoryTestProfile implements QuarkusTestProfile {

    /** Consumer group of the service under test. */
    public static final String GROUP = "skein-persistence-history-test";
    /** Bucket of the service under test. */
    public static final String BUCKET = "persistence-history-test";
    /** Pause that makes a version, ms. */
    public static final long IDLE_MILLIS = 1_000;
    /** Longest editing without a version, ms. */
    public static final long MAX_INTERVAL_MILLIS = 3_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.flush.max-updates", "7",
            "skein.persistence.flush.max-age", "300ms",
            "skein.persistence.commit-interval", "100ms",
            "skein.persistence.compaction.batch-threshold", "4",
            "skein.persistence.compaction.keep-snapshots", "1",
            "skein.history.idle", IDLE_MILLIS + "ms",
            "skein.history.max-interval", MAX_INTERVAL_MILLIS + "ms",
            "skein.history.documents", "(?!nohistory-).*",
            "skein.storage.bucket", BUCKET);
    }
}
