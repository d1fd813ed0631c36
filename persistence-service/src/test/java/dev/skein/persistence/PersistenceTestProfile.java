package dev.skein.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small bounds so that tests see every flush trigger and compaction quickly. */
public class PersistenceTestProfile implements QuarkusTestProfile {

    /** Updates per batch. */
    public static final int MAX_UPDATES = 5;
    /** Bytes per batch. */
    public static final int MAX_BYTES = 4000;
    /** Batches that trigger a compaction. */
    public static final int COMPACTION_THRESHOLD = 4;
    /** Consumer group of the service under test. */
    public static final String GROUP = "skein-persistence-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.flush.max-updates", Integer.toString(MAX_UPDATES),
            "skein.persistence.flush.max-bytes", Integer.toString(MAX_BYTES),
            "skein.persistence.flush.max-age", "1500ms",
            "skein.persistence.commit-interval", "100ms",
            "skein.persistence.compaction.batch-threshold", Integer.toString(COMPACTION_THRESHOLD),
            "skein.persistence.compaction.keep-snapshots", "1",
            // these tests are about batches and snapshots; history has its own profile
            "skein.history.enabled", "false",
            "skein.storage.bucket", "persistence-test");
    }
}
