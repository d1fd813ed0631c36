package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import dev.skein.ycrdt.protocol.AwarenessUpdate.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwarenessUpdateTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static YDecodingException rejects(byte[] update) {
        return assertThrows(YDecodingException.class, () -> AwarenessUpdate.decode(update));
    }

    @Test
    void encodesCountThenIdClockAndJsonPerEntry() {
        List<Entry> entries = List.of(new Entry(0xFFFFFFFFL, 1, "{}"), Entry.removal(1L << 31, 300));
        byte[] expected = bytes(2,
                0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2, '{', '}',
                0x80, 0x80, 0x80, 0x80, 0x08, 0xAC, 0x02, 4, 'n', 'u', 'l', 'l');
        assertArrayEquals(expected, AwarenessUpdate.encode(entries));
        assertEquals(entries, AwarenessUpdate.decode(expected));
        assertArrayEquals(bytes(0), AwarenessUpdate.encode(List.of()));
        assertEquals(List.of(), AwarenessUpdate.decode(bytes(0)));
    }

    @Test
    void theLargestIdsAndClocksLib0AllowsRoundTrip() {
        long max = (1L << 53) - 1;
        List<Entry> entries = List.of(new Entry(max, max, "\"🦄\""));
        assertEquals(entries, AwarenessUpdate.decode(AwarenessUpdate.encode(entries)));
    }

    @Test
    void removedMeansTheStateParsesToNull() {
        assertTrue(Entry.removal(1, 1).removed());
        assertTrue(new Entry(1, 1, " null\n").removed());
        assertTrue(new Entry(1, 1, "\t\r\nnull ").removed());
        assertFalse(new Entry(1, 1, "\"null\"").removed());
        assertFalse(new Entry(1, 1, "[null]").removed());
        assertFalse(new Entry(1, 1, "nul").removed());
        assertFalse(new Entry(1, 1, "nulll").removed());
        // Infinity in JavaScript: present, even though it prints as null
        assertFalse(new Entry(1, 1, "1e400").removed());
        assertFalse(new Entry(1, 1, "\u00a0null").removed());
    }

    @Test
    void decodeValidatesJsonUnlessToldNotTo() {
        byte[] update = AwarenessUpdate.encode(List.of(new Entry(1, 1, "{\"a\":}")));
        assertEquals(Reason.UNEXPECTED_VALUE, rejects(update).reason());
        assertEquals(List.of(new Entry(1, 1, "{\"a\":}")), AwarenessUpdate.decode(update, false));
    }

    @Test
    void jsonWithNonAsciiDigitsIsADecodingErrorNotANumberFormatException() {
        for (String json : List.of("1\u0663", "[1\u0663]", "{\"a\":-\u0661}")) {
            byte[] update = AwarenessUpdate.encode(List.of(new Entry(1, 1, json)));
            assertEquals(Reason.UNEXPECTED_VALUE, rejects(update).reason(), json);
        }
    }

    @Test
    void malformedUpdatesAreRejected() {
        assertEquals(Reason.END_OF_BUFFER, rejects(new byte[0]).reason());
        assertEquals(Reason.END_OF_BUFFER, rejects(bytes(1, 1, 1)).reason());
        assertEquals(Reason.END_OF_BUFFER, rejects(bytes(1, 1, 1, 4, 'n', 'u', 'l')).reason());
        assertEquals(Reason.INVALID_UTF8, rejects(bytes(1, 1, 1, 1, 0xFF)).reason());
        byte[] idAbove2To53 = bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1, 0);
        assertEquals(Reason.INVALID_VARINT, rejects(idAbove2To53).reason());
        byte[] valid = AwarenessUpdate.encode(List.of(new Entry(5, 6, "{\"x\":[1,2]}"), new Entry(7, 8, "null")));
        for (int len = 0; len < valid.length; len++) {
            byte[] prefix = java.util.Arrays.copyOf(valid, len);
            assertThrows(YDecodingException.class, () -> AwarenessUpdate.decode(prefix), "cut at " + len);
        }
    }

    @Test
    void aForgedEntryCountFailsBeforeLoopingOrAllocating() {
        byte[] update = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 1, 0);
        long used = Allocation.onWarmPath(() -> assertEquals(Reason.END_OF_BUFFER, rejects(update).reason()));
        assertTrue(used < Allocation.budget(update.length), used + " bytes");
    }

    @Test
    void bytesAfterTheLastEntryAreIgnoredAsYProtocolsDoes() {
        assertEquals(List.of(new Entry(1, 2, "{}")), AwarenessUpdate.decode(bytes(1, 1, 2, 2, '{', '}', 0xFF, 0xFF)));
    }

    @Test
    void decodedListsAreImmutable() {
        List<Entry> entries = AwarenessUpdate.decode(bytes(1, 1, 2, 2, '{', '}'));
        assertThrows(UnsupportedOperationException.class, () -> entries.add(Entry.removal(1, 1)));
    }

    @Test
    void entriesOutsideLib0sRangeCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new Entry(-1, 0, "{}"));
        assertThrows(IllegalArgumentException.class, () -> new Entry(0, 1L << 53, "{}"));
        assertThrows(NullPointerException.class, () -> new Entry(0, 0, null));
    }
}
