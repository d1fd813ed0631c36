package dev.skein.gateway.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecentDeflatesTest {

    private static byte[] bytes(int length, int fill) {
        byte[] array = new byte[length];
        Arrays.fill(array, (byte) fill);
        return array;
    }

    @Test
    void anIdenticalMessageFindsItsCompressedFormAnEqualLengthDifferentOneDoesNot() {
        RecentDeflates recent = new RecentDeflates(10_000);
        byte[] compressed = bytes(10, 9);
        recent.remember(bytes(2_000, 1), compressed, 0);
        assertSame(compressed, recent.find(bytes(2_000, 1), 1));
        byte[] differentAtTheEnd = bytes(2_000, 1);
        differentAtTheEnd[1_999] = 2;
        assertNull(recent.find(differentAtTheEnd, 2));
        assertNull(recent.find(bytes(1_999, 1), 3));
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenTheBytesAreUsedUp() {
        RecentDeflates recent = new RecentDeflates(3 * 1_100);
        recent.remember(bytes(1_000, 1), bytes(100, 1), 0);
        recent.remember(bytes(1_000, 2), bytes(100, 2), 1);
        recent.remember(bytes(1_000, 3), bytes(100, 3), 2);
        // using the oldest makes the second the least recently used
        assertArrayEquals(bytes(100, 1), recent.find(bytes(1_000, 1), 3));
        recent.remember(bytes(1_000, 4), bytes(100, 4), 4);
        assertNull(recent.find(bytes(1_000, 2), 5));
        assertArrayEquals(bytes(100, 1), recent.find(bytes(1_000, 1), 6));
        assertArrayEquals(bytes(100, 3), recent.find(bytes(1_000, 3), 7));
        assertArrayEquals(bytes(100, 4), recent.find(bytes(1_000, 4), 8));
        assertEquals(3 * 1_100, recent.bytes());
    }

    @Test
    void aMessageLargerThanTheBoundIsNotKeptAndZeroKeepsNothing() {
        RecentDeflates small = new RecentDeflates(1_000);
        small.remember(bytes(1_000, 1), bytes(10, 1), 0);
        assertNull(small.find(bytes(1_000, 1), 1));
        assertEquals(0, small.bytes());
        RecentDeflates none = new RecentDeflates(0);
        none.remember(bytes(10, 1), bytes(1, 1), 0);
        assertNull(none.find(bytes(10, 1), 1));
    }

    @Test
    void entriesUnusedForAMinuteAreDropped() {
        RecentDeflates recent = new RecentDeflates(10_000);
        recent.remember(bytes(1_000, 1), bytes(10, 1), 0);
        recent.remember(bytes(1_000, 2), bytes(10, 2), RecentDeflates.IDLE_NANOS);
        assertNull(recent.find(bytes(1_000, 1), RecentDeflates.IDLE_NANOS + 1));
        assertEquals(1_010, recent.bytes());
        assertArrayEquals(bytes(10, 2), recent.find(bytes(1_000, 2), RecentDeflates.IDLE_NANOS + 1));
    }
}
