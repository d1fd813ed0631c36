package dev.skein.storage.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skein.storage.TextUpdates;
import dev.skein.storage.format.CorruptObjectException;
import dev.skein.storage.format.ObjectFormat;
import dev.skein.storage.format.ObjectKind;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.layout.ChangesName;
import dev.skein.storage.layout.VersionName;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.ByteWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryCodecTest {

    @Test
    void changesCountInsertionsAndDeletionsPerPrincipal() {
        ChangeSet changes = new ChangeSet()
            .addUpdate("alice", TextUpdates.text(7, 0, "abc"))
            .addUpdate("alice", TextUpdates.text(7, 3, "de"))
            .addUpdate("bob", deletion(7, 1, 2));
        assertEquals(List.of("alice", "bob"), changes.authors());
        assertEquals(new StateVector(Map.of(7L, 5L)), changes.stateVector(StateVector.empty()));
        assertEquals(Optional.of("alice"), changes.insertedBy(7, 4, 1));
        assertEquals(Optional.of("bob"), changes.deletedBy(7, 2, 1));
        assertEquals(Optional.empty(), changes.deletedBy(7, 3, 1));
        assertEquals(new StateVector(Map.of(7L, 9L, 8L, 1L)), changes.stateVector(new StateVector(Map.of(7L, 9L, 8L, 1L))));
    }

    @Test
    void aNamedAuthorIsPreferredOverTheUnknownOne() {
        ChangeSet changes = new ChangeSet()
            .addUpdate(ChangeSet.UNKNOWN, deletion(7, 0, 3))
            .addUpdate("carol", deletion(7, 1, 1));
        assertEquals(Optional.of("carol"), changes.deletedBy(7, 1, 1));
        assertEquals(Optional.of(ChangeSet.UNKNOWN), changes.deletedBy(7, 0, 1));
        assertEquals(List.of("carol"), changes.authors(), "the unknown author is not listed");
    }

    @Test
    void versionsAndChangesRoundTrip() {
        ChangeSet changes = new ChangeSet().addUpdate("alice", TextUpdates.text(7, 0, "abc"))
            .addUpdate(ChangeSet.UNKNOWN, deletion(9, 4, 2));
        VersionRecord record = new VersionRecord(1_765_000_000_123L, Trigger.REQUEST, "before the meeting", "bob",
            new StateVector(Map.of(7L, 3L, 9L, 10L)), changes);
        VersionRecord back = HistoryCodec.decodeVersion(HistoryCodec.encodeVersion(record));
        assertEquals(record.time(), back.time());
        assertEquals(record.trigger(), back.trigger());
        assertEquals(record.label(), back.label());
        assertEquals(record.labelledBy(), back.labelledBy());
        assertEquals(record.stateVector(), back.stateVector());
        assertEquals(changes, back.changes());
        assertEquals(changes, HistoryCodec.decodeChanges(HistoryCodec.encodeChanges(changes)));
    }

    @Test
    void versionObjectsCarryTheHeaderOfTheirName() {
        VersionName name = new VersionName("d", 2, 10, 20);
        byte[] record = HistoryCodec.encodeVersion(new VersionRecord(1, Trigger.IDLE, "", "", StateVector.empty(),
            new ChangeSet()));
        byte[] object = StoredObjectCodec.version(name, record);
        assertEquals(ObjectKind.VERSION, ObjectFormat.decode(object).header().kind());
        assertArrayEquals(record, StoredObjectCodec.decode(name, object).payload());
        assertThrows(CorruptObjectException.class,
            () -> StoredObjectCodec.decode(new VersionName("d", 2, 11, 20), object), "another range");
        assertThrows(CorruptObjectException.class,
            () -> StoredObjectCodec.decode(new ChangesName("d", 2, 10, 20), object), "another kind");
    }

    @Test
    void damagedRecordsAreCorrupt() {
        byte[] record = HistoryCodec.encodeVersion(new VersionRecord(5, Trigger.INTERVAL, "x", "", StateVector.empty(),
            new ChangeSet().addUpdate("a", TextUpdates.text(1, 0, "hi"))));
        for (int cut = 0; cut < record.length; cut++) {
            byte[] truncated = Arrays.copyOf(record, cut);
            assertThrows(CorruptObjectException.class, () -> HistoryCodec.decodeVersion(truncated), "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(record, record.length + 1);
        assertThrows(CorruptObjectException.class, () -> HistoryCodec.decodeVersion(longer), "trailing bytes");
        byte[] badTrigger = record.clone();
        badTrigger[1] = 9;
        assertThrows(CorruptObjectException.class, () -> HistoryCodec.decodeVersion(badTrigger));
    }

    /** A v1 update that only deletes {@code len} ids of {@code client} from {@code clock}. */
    static byte[] deletion(long client, long clock, long len) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(0);
        out.writeVarUint(1);
        out.writeVarUint(client);
        out.writeVarUint(1);
        out.writeVarUint(clock);
        out.writeVarUint(len);
        return out.toByteArray();
    }
}
