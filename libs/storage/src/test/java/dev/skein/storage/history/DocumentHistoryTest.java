package dev.skein.storage.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.storage.TextUpdates;
import dev.skein.storage.layout.VersionName;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.doc.Snapshot;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.update.Compaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentHistoryTest {

    private static final byte[] TYPED = TextUpdates.text(7, 0, "hello");
    private static final byte[] MORE = TextUpdates.text(7, 5, " world");
    private static final byte[] CUT = HistoryCodecTest.deletion(7, 0, 6);

    @Test
    void aVersionRestoresTheTextAsItWasFromContentThatKeptDeletions() {
        DocumentHistory history = new DocumentHistory(List.of(
            version(0, 10, 1_000, new ChangeSet().addUpdate("alice", TYPED)),
            version(11, 20, 2_000, new ChangeSet().addUpdate("bob", MORE)),
            version(21, 30, 3_000, new ChangeSet().addUpdate("alice", CUT))));
        byte[] content = Compaction.mergeAndCompact(List.of(TYPED, MORE, CUT), new DeleteSet());
        Doc stored = new Doc(DocOptions.defaults().withGc(false));
        stored.applyUpdate(content);
        assertEquals("hello", text(stored, history.snapshot(10).orElseThrow()));
        assertEquals("hello world", text(stored, history.snapshot(20).orElseThrow()));
        assertEquals("world", text(stored, history.snapshot(30).orElseThrow()));
        assertTrue(history.snapshot(15).isEmpty(), "no version at 15");
    }

    @Test
    void entriesAreNewestFirstWithTheirAuthorsAndCost() {
        DocumentHistory history = new DocumentHistory(List.of(
            version(0, 10, 1_000, new ChangeSet().addUpdate("alice", TYPED)),
            version(11, 20, 2_000, new ChangeSet().addUpdate("bob", MORE).addUpdate("alice", CUT))));
        List<VersionEntry> entries = history.entries();
        assertEquals(List.of(20L, 10L), entries.stream().map(VersionEntry::version).toList());
        assertEquals(List.of("alice", "bob"), entries.get(0).authors(), "sorted");
        assertEquals(2_000, entries.get(0).time());
        assertEquals(100, entries.get(0).bytes());
        assertEquals(List.of("bob", "alice"), history.changesBetween(10, 20).authors());
        assertEquals(List.of("alice", "bob"), history.changesBetween(-1, 20).authors());
    }

    @Test
    void objectsOfOneVersionLeftByAFoldAreOneVersion() {
        StoredVersion folded = version(0, 20, 2_000, new ChangeSet().addUpdate("alice", TYPED).addUpdate("bob", MORE));
        StoredVersion old = version(11, 20, 2_000, new ChangeSet().addUpdate("bob", MORE));
        DocumentHistory history = new DocumentHistory(List.of(folded, old));
        assertEquals(1, history.entries().size());
        assertEquals(200, history.entries().get(0).bytes(), "what storing it costs until the leftover is deleted");
        assertEquals(List.of("alice", "bob"), history.entries().get(0).authors());
    }

    private static StoredVersion version(long from, long offset, long time, ChangeSet changes) {
        StateVector sv = changes.stateVector(StateVector.empty());
        return new StoredVersion(new VersionName("d", 0, from, offset), 100,
            new VersionRecord(time, Trigger.IDLE, "", "", svUpTo(offset, sv), changes));
    }

    /** The state vector of the text as typed up to {@code offset}: the tests type 5 then 6 characters. */
    private static StateVector svUpTo(long offset, StateVector fromChanges) {
        return offset <= 10 ? new StateVector(Map.of(7L, 5L)) : new StateVector(Map.of(7L, 11L));
    }

    private static String text(Doc stored, Snapshot snapshot) {
        return Snapshot.createDocFromSnapshot(stored, snapshot).getText("t").toString();
    }
}
