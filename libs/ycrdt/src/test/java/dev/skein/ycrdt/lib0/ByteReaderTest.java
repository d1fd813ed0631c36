package dev.skein.ycrdt.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import org.junit.jupiter.api.Test;

class ByteReaderTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void truncatedVarUintIsEndOfBuffer() {
        var e = assertThrows(YDecodingException.class, () -> new ByteReader(bytes(0x80, 0x80)).readVarUint());
        assertEquals(Reason.END_OF_BUFFER, e.reason());
    }

    @Test
    void varUintAbove2To53IsRejected() {
        var e = assertThrows(YDecodingException.class,
                () -> new ByteReader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)).readVarUint());
        assertEquals(Reason.INVALID_VARINT, e.reason());
    }

    @Test
    void lengthLargerThanInputDoesNotAllocate() {
        // claims 2^31 bytes; must fail before allocating
        var e = assertThrows(YDecodingException.class, () -> new ByteReader(bytes(0x80, 0x80, 0x80, 0x80, 0x08, 1)).readVarBytes());
        assertEquals(Reason.END_OF_BUFFER, e.reason());
    }

    @Test
    void invalidUtf8IsRejectedLikeAFatalTextDecoder() {
        for (byte[] bad : new byte[][] {
            bytes(1, 0xff), bytes(2, 0xc0, 0x80), bytes(3, 0xed, 0xa0, 0x80), bytes(1, 0xe2), bytes(4, 0xf4, 0x90, 0x80, 0x80)}) {
            var e = assertThrows(YDecodingException.class, () -> new ByteReader(bad).readVarString());
            assertEquals(Reason.INVALID_UTF8, e.reason());
        }
    }

    @Test
    void byteOrderMarkIsKept() {
        assertEquals("\uFEFFa", new ByteReader(bytes(4, 0xef, 0xbb, 0xbf, 'a')).readVarString());
    }

    @Test
    void unknownAnyTagAndDeepNestingAreRejected() {
        assertEquals(Reason.UNEXPECTED_VALUE,
                assertThrows(YDecodingException.class, () -> Any.read(new ByteReader(bytes(100)))).reason());
        byte[] deep = new byte[2000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 117; // array
            deep[i + 1] = 1; // of one element
        }
        assertEquals(Reason.UNEXPECTED_VALUE,
                assertThrows(YDecodingException.class, () -> Any.read(new ByteReader(deep))).reason());
    }

    @Test
    void jsonParseRejectsNonAsciiDigitsAsDecodingErrors() {
        for (String bad : new String[] {"1\u0663", "\"\\u00\uFF10\uFF10\"", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru"}) {
            assertEquals(Reason.UNEXPECTED_VALUE, assertThrows(YDecodingException.class, () -> Json.parse(bad)).reason(), bad);
        }
    }
}
