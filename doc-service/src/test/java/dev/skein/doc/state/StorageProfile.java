package dev.skein.doc.state;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** doc-service with storage: its own bucket and a persistence group that only the tests commit for. */
public class StorageProfile implements QuarkusTestProfile {

    /** The bucket the tests write into as persistence-service would. */
    public static final String BUCKET = "doc-storage-test";
    /** The persistence group whose offsets the tests commit. */
    public static final String PERSISTENCE_GROUP = "doc-test-persistence";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
            "skein.storage.bucket", BUCKET,
            "skein.storage.persistence-group", PERSISTENCE_GROUP,
            "skein.doc.group-id", "skein-doc-storage-test");
    }
}
