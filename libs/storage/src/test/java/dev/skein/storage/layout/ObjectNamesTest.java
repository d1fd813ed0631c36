package dev.skein.storage.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {

    @Test
    void keysFollowTheLayout() {
        assertEquals("docs/my.doc-1/batch-3-100-250.bin", new BatchName("my.doc-1", 3, 100, 250).key());
        assertEquals("docs/my.doc-1/snapshot-3-250.bin", new SnapshotName("my.doc-1", 3, 250).key());
        assertEquals("docs/a/", ObjectNames.documentPrefix("a"));
        assertEquals("docs/my.doc-1/version-3-0-250.bin", new VersionName("my.doc-1", 3, 0, 250).key());
        assertEquals("docs/my.doc-1/changes-3-100-250.bin", new ChangesName("my.doc-1", 3, 100, 250).key());
    }

    @Test
    void parsesWhatItNames() {
        for (StoredName name : List.of(new BatchName("d", 0, 0, 0), new BatchName("d~x", 7, 5, Long.MAX_VALUE),
                new SnapshotName("d_", 2, 99), new VersionName("d", 1, 0, 7), new VersionName("d", 1, 7, 7),
                new ChangesName("d", 4, 8, 9))) {
            assertEquals(Optional.of(name), ObjectNames.parse(name.key()));
        }
    }

    @Test
    void ignoresForeignKeys() {
        for (String key : List.of("other/a/batch-1-2-3.bin", "docs/a/batch-1-3-2.bin", "docs/a/batch-1-2.bin",
                "docs/a/b/batch-1-2-3.bin", "docs/a/snapshot-1-2.tmp", "docs/../snapshot-1-2.bin",
                "docs/a/batch-1-2-99999999999999999999.bin", "docs/a/version-1-9-8.bin", "docs/a/version-1-8.bin",
                "docs/a/changes-1-2-1.bin")) {
            assertTrue(ObjectNames.parse(key).isEmpty(), key);
        }
    }

    @Test
    void refusesInvalidDocumentIds() {
        assertThrows(IllegalArgumentException.class, () -> ObjectNames.documentPrefix("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new BatchName("..", 0, 0, 0));
    }
}
