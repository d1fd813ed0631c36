package dev.skein.storage.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentObjectsTest {

    @Test
    void readsTheNewestSnapshotAndEveryBatchItDoesNotCover() {
        DocumentObjects objects = DocumentObjects.of("d", List.of(
            object(new BatchName("d", 1, 50, 60)),
            object(new SnapshotName("d", 1, 40)),
            object(new BatchName("d", 1, 10, 40)),
            object(new SnapshotName("d", 1, 20)),
            object(new BatchName("d", 1, 35, 55)),
            object(new BatchName("d", 2, 1, 5)),
            object(new BatchName("other", 1, 70, 80))));
        assertEquals(Optional.of(new SnapshotName("d", 1, 40)), objects.newestSnapshot());
        assertEquals(List.of(new SnapshotName("d", 1, 40), new BatchName("d", 2, 1, 5),
            new BatchName("d", 1, 35, 55), new BatchName("d", 1, 50, 60)), objects.readPlan(),
            "a batch reaching above the snapshot is read (overlap is harmless), another partition's always");
        assertEquals(6, objects.all().size());
    }

    @Test
    void withoutSnapshotEveryBatchIsRead() {
        DocumentObjects objects = DocumentObjects.of("d", List.of(object(new BatchName("d", 0, 5, 9)),
            object(new BatchName("d", 0, 0, 4))));
        assertEquals(List.of(new BatchName("d", 0, 0, 4), new BatchName("d", 0, 5, 9)), objects.readPlan());
    }

    @Test
    void historyObjectsAreListedButNeverRead() {
        DocumentObjects objects = DocumentObjects.of("d", List.of(object(new BatchName("d", 0, 5, 9)),
            object(new VersionName("d", 0, 0, 9)), object(new ChangesName("d", 0, 5, 9)),
            object(new SnapshotName("d", 0, 4)), object(new VersionName("d", 0, 0, 4))));
        assertEquals(List.of(new SnapshotName("d", 0, 4), new BatchName("d", 0, 5, 9)), objects.readPlan());
        assertEquals(List.of(new VersionName("d", 0, 0, 4), new VersionName("d", 0, 0, 9)), objects.versions());
        assertEquals(List.of(new ChangesName("d", 0, 5, 9)), objects.changes());
        assertEquals(50, objects.totalBytes(), "history counts in what the document costs");
        assertEquals(10, objects.sizeOf(new ChangesName("d", 0, 5, 9)));
        assertEquals(-1, objects.sizeOf(new ChangesName("d", 0, 5, 8)));
    }

    private static StoredObject object(StoredName name) {
        return new StoredObject(name, 10);
    }
}
