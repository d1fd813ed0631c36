package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static YDecodingException rejects(byte[] frame) {
        return assertThrows(YDecodingException.class, () -> MessageCodec.decode(frame));
    }

    @Test
    void constantsHaveTheirWireValues() {
        assertEquals(0, MessageType.SYNC);
        assertEquals(1, MessageType.AWARENESS);
        assertEquals(2, MessageType.AUTH);
        assertEquals(3, MessageType.QUERY_AWARENESS);
        assertEquals(0, MessageType.SYNC_STEP1);
        assertEquals(1, MessageType.SYNC_STEP2);
        assertEquals(2, MessageType.SYNC_UPDATE);
        assertEquals(0, MessageType.AUTH_PERMISSION_DENIED);
        assertEquals(30_000, AwarenessStates.OUTDATED_TIMEOUT_MILLIS);
    }

    @Test
    void encodesEachKindByteForByte() {
        assertArrayEquals(bytes(0, 0, 1, 0), MessageCodec.encode(new SyncStep1(bytes(0))));
        assertArrayEquals(bytes(0, 0, 0), MessageCodec.encode(new SyncStep1(new byte[0])));
        assertArrayEquals(bytes(0, 1, 2, 0, 0), MessageCodec.encode(new SyncStep2(bytes(0, 0))));
        assertArrayEquals(bytes(0, 2, 1, 7), MessageCodec.encode(new SyncUpdate(bytes(7))));
        assertArrayEquals(bytes(1, 1, 0), MessageCodec.encode(new AwarenessMessage(bytes(0))));
        assertArrayEquals(bytes(2, 0, 2, 'n', 'o'), MessageCodec.encode(new AuthMessage("no")));
        assertArrayEquals(bytes(3), MessageCodec.encode(new QueryAwareness()));
        assertArrayEquals(bytes(0xC8, 0x01, 9), MessageCodec.encode(new CustomMessage(200, bytes(9))));
    }

    @Test
    void eachMessageReportsItsTopLevelType() {
        assertEquals(MessageType.SYNC, new SyncStep1(new byte[0]).type());
        assertEquals(MessageType.SYNC, new SyncStep2(new byte[0]).type());
        assertEquals(MessageType.SYNC, new SyncUpdate(new byte[0]).type());
        assertEquals(MessageType.AWARENESS, new AwarenessMessage(new byte[0]).type());
        assertEquals(MessageType.AUTH, new AuthMessage("").type());
        assertEquals(MessageType.QUERY_AWARENESS, new QueryAwareness().type());
        assertEquals(77, new CustomMessage(77, new byte[0]).type());
    }

    @Test
    void anEmptyFrameIsTruncated() {
        assertEquals(Reason.END_OF_BUFFER, rejects(new byte[0]).reason());
    }

    @Test
    void everyProperPrefixOfAKnownMessageIsRejected() {
        List<Message> messages = List.of(new SyncStep1(bytes(1, 2, 3)), new SyncStep2(new byte[300]),
                new SyncUpdate(bytes(9)), new AwarenessMessage(bytes(1, 5, 0, 2, '{', '}')), new AuthMessage("denied"));
        for (Message m : messages) {
            byte[] frame = MessageCodec.encode(m);
            for (int len = 0; len < frame.length; len++) {
                byte[] prefix = Arrays.copyOf(frame, len);
                assertEquals(Reason.END_OF_BUFFER, rejects(prefix).reason(), m + " cut at " + len);
            }
            assertEquals(m, MessageCodec.decode(frame));
        }
    }

    @Test
    void bytesAfterACompleteMessageAreIgnoredAsYWebsocketDoes() {
        assertEquals(new SyncStep1(bytes(0)), MessageCodec.decode(bytes(0, 0, 1, 0, 99, 98)));
        assertEquals(new QueryAwareness(), MessageCodec.decode(bytes(3, 1, 2)));
        assertEquals(new AuthMessage("a"), MessageCodec.decode(bytes(2, 0, 1, 'a', 0xFF)));
        assertEquals(new AwarenessMessage(bytes(0)), MessageCodec.decode(bytes(1, 1, 0, 0)));
        assertArrayEquals(bytes(0, 0, 1, 0), MessageCodec.encode(MessageCodec.decode(bytes(0, 0, 1, 0, 99))));
    }

    @Test
    void unknownTypesAndSubTypesBecomeCustomMessagesThatReEncodeVerbatim() {
        List<byte[]> frames = List.of(bytes(4), bytes(0xC8, 0x01, 1, 2, 3), bytes(0, 3, 9),
                bytes(0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), bytes(2, 1, 1, 'x'), bytes(2, 5));
        List<Message> expected = List.of(new CustomMessage(4, new byte[0]), new CustomMessage(200, bytes(1, 2, 3)),
                new CustomMessage(0, bytes(3, 9)),
                new CustomMessage(0, bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)),
                new CustomMessage(2, bytes(1, 1, 'x')), new CustomMessage(2, bytes(5)));
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(expected.get(i), MessageCodec.decode(frames.get(i)));
            assertArrayEquals(frames.get(i), MessageCodec.encode(expected.get(i)));
        }
    }

    @Test
    void aTypeBeyondAnIntOrBeyond2To53IsRejected() {
        assertEquals(Reason.UNEXPECTED_VALUE, rejects(bytes(0x80, 0x80, 0x80, 0x80, 0x08)).reason());
        assertEquals(new CustomMessage(Integer.MAX_VALUE, new byte[0]),
                MessageCodec.decode(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07)));
        assertEquals(Reason.INVALID_VARINT,
                rejects(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).reason());
        assertEquals(Reason.INVALID_VARINT,
                rejects(bytes(0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).reason());
    }

    @Test
    void aForgedPayloadLengthFailsWithoutAllocatingIt() {
        byte[] frame = bytes(0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2, 3);
        long used = Allocation.onWarmPath(() -> assertEquals(Reason.END_OF_BUFFER, rejects(frame).reason()));
        assertTrue(used < Allocation.budget(frame.length), used + " bytes");
    }

    @Test
    void permissionDeniedReasonsAreStrictUtf8LikeLib0() {
        assertEquals(Reason.INVALID_UTF8, rejects(bytes(2, 0, 2, 0xC3, 0x28)).reason());
        assertEquals(Reason.INVALID_UTF8, rejects(bytes(2, 0, 3, 0xED, 0xA0, 0x80)).reason());
        // lib0 keeps a byte-order mark
        assertEquals(new AuthMessage("\uFEFFx"), MessageCodec.decode(bytes(2, 0, 4, 0xEF, 0xBB, 0xBF, 'x')));
        // a lone surrogate is written as U+FFFD, as TextEncoder does
        assertArrayEquals(bytes(2, 0, 3, 0xEF, 0xBF, 0xBD), MessageCodec.encode(new AuthMessage("\uD800")));
    }

    @Test
    void largePayloadsRoundTrip() {
        for (int size : new int[] {127, 128, 16_383, 16_384, (1 << 21) + 5}) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'y');
            byte[] frame = MessageCodec.encode(new SyncUpdate(payload));
            assertEquals(new SyncUpdate(payload), MessageCodec.decode(frame));
            int lengthBytes = size < 128 ? 1 : size < 16_384 ? 2 : size < 1 << 21 ? 3 : 4;
            assertEquals(2 + lengthBytes + size, frame.length, "size " + size);
        }
    }

    @Test
    void recordsWithArraysCompareByContent() {
        assertEquals(new SyncStep1(bytes(1, 2)), new SyncStep1(bytes(1, 2)));
        assertEquals(new SyncStep1(bytes(1, 2)).hashCode(), new SyncStep1(bytes(1, 2)).hashCode());
        assertNotEquals(new SyncStep1(bytes(1, 2)), new SyncStep2(bytes(1, 2)));
        assertNotEquals(new SyncUpdate(bytes(1, 2)), new SyncUpdate(bytes(1, 3)));
        assertEquals(new AwarenessMessage(bytes(0)), new AwarenessMessage(bytes(0)));
        assertEquals(new CustomMessage(5, bytes(1)), new CustomMessage(5, bytes(1)));
        assertEquals(new CustomMessage(5, bytes(1)).hashCode(), new CustomMessage(5, bytes(1)).hashCode());
        assertNotEquals(new CustomMessage(5, bytes(1)), new CustomMessage(6, bytes(1)));
    }

    @Test
    void toStringShowsLengthAndLeadingBytes() {
        assertEquals("SyncUpdate[update=2 bytes 0x01ff]", new SyncUpdate(bytes(1, 0xFF)).toString());
        assertEquals("SyncStep1[stateVector=0 bytes]", new SyncStep1(new byte[0]).toString());
        assertEquals("CustomMessage[type=9, payload=1 byte 0x0a]", new CustomMessage(9, bytes(10)).toString());
        String longOne = new AwarenessMessage(new byte[100]).toString();
        String expected = "AwarenessMessage[awarenessUpdate=100 bytes 0x" + "00".repeat(32) + "...]";
        assertEquals(expected, longOne);
    }

    @Test
    void invalidMessagesCannotBeBuilt() {
        assertThrows(NullPointerException.class, () -> new SyncStep1(null));
        assertThrows(NullPointerException.class, () -> new AuthMessage(null));
        assertThrows(NullPointerException.class, () -> new CustomMessage(4, null));
        assertThrows(IllegalArgumentException.class, () -> new CustomMessage(-1, new byte[0]));
        assertThrows(NullPointerException.class, () -> MessageCodec.decode(null));
        assertThrows(NullPointerException.class, () -> MessageCodec.encode(null));
    }
}
