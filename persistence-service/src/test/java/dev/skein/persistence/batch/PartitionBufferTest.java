package dev.skein.persistence.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {

    private static final FlushBounds BOUNDS = new FlushBounds(3, 100, 1_000);

    @Test
    void nothingSeenNothingToCommit() {
        assertTrue(new PartitionBuffer(0).committable().isEmpty());
    }

    @Test
    void theCommitStopsAtTheOldestBufferedRecord() {
        PartitionBuffer buffer = new PartitionBuffer(0);
        buffer.add("a", 10, new byte[] {1}, 0);
        buffer.seen(11);
        buffer.add("b", 12, new byte[] {1}, 0);
        buffer.add("a", 13, new byte[] {1}, 0);
        assertEquals(OptionalLong.of(10), buffer.committable(), "a's first record is not written");
        buffer.remove("a");
        assertEquals(OptionalLong.of(12), buffer.committable(), "b's is not either");
        buffer.remove("b");
        assertEquals(OptionalLong.of(14), buffer.committable(), "all written: after the last record seen");
        buffer.committed(14);
        assertTrue(buffer.committable().isEmpty(), "nothing ahead of the last commit");
    }

    @Test
    void aBufferRemembersItsRangeAndIsDueByCountSizeOrAge() {
        PartitionBuffer buffer = new PartitionBuffer(2);
        PendingDocument doc = buffer.add("d", 5, new byte[10], 0);
        buffer.add("d", 9, new byte[10], 0);
        assertEquals(5, doc.fromOffset());
        assertEquals(9, doc.toOffset());
        assertEquals(20, doc.bytes());
        assertTrue(buffer.due(BOUNDS, 999).isEmpty());
        assertEquals("time", BOUNDS.reason(doc, 1_000));
        buffer.add("d", 10, new byte[10], 0);
        assertEquals("count", BOUNDS.reason(doc, 0));
        PendingDocument big = buffer.add("e", 11, new byte[100], 0);
        assertEquals("size", BOUNDS.reason(big, 0));
        assertEquals(List.of(doc, big), buffer.due(BOUNDS, 0));
    }
}
