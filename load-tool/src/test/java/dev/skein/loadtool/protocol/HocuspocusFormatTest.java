package dev.skein.loadtool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Byte layouts from @hocuspocus/provider 4.7.0 and @hocuspocus/common (AuthenticationMessage, writeAuthentication). */
class HocuspocusFormatTest {

    private final HocuspocusFormat format = new HocuspocusFormat();

    @Test
    void pinsTheMessageTypes() {
        assertEquals(2, HocuspocusFormat.TYPE_AUTH);
        assertEquals(5, HocuspocusFormat.TYPE_STATELESS);
        assertEquals(7, HocuspocusFormat.TYPE_CLOSE);
        assertEquals(8, HocuspocusFormat.TYPE_SYNC_STATUS);
        assertEquals(9, HocuspocusFormat.TYPE_PING);
        assertEquals(10, HocuspocusFormat.TYPE_PONG);
    }

    @Test
    void authMessageIsNameTypeTokenSubtypeTokenVersion() {
        List<byte[]> opening = format.opening("doc", Optional.of("tk"));
        assertEquals(1, opening.size());
        byte[] expected = concat(new byte[] {3}, ascii("doc"), new byte[] {2, 0, 2}, ascii("tk"),
                new byte[] {5}, ascii("4.7.0"));
        assertArrayEquals(expected, opening.get(0));
    }

    @Test
    void withoutATokenTheProviderSendsAnEmptyOne() {
        byte[] expected = concat(new byte[] {1}, ascii("d"), new byte[] {2, 0, 0}, new byte[] {5}, ascii("4.7.0"));
        assertArrayEquals(expected, format.opening("d", Optional.empty()).get(0));
    }

    @Test
    void wrapsAndUnwrapsSyncMessagesBehindTheDocumentName() {
        byte[] update = MessageCodec.encode(new SyncUpdate(new byte[] {0, 0}));
        byte[] frame = format.wrap("doc", update);
        assertArrayEquals(concat(new byte[] {3}, ascii("doc"), update), frame);
        Inbound inbound = format.unwrap(frame);
        assertInstanceOf(SyncUpdate.class, ((Inbound.YMessage) inbound).message());
        byte[] step1 = format.wrap("doc", MessageCodec.encode(new SyncStep1(new byte[] {0})));
        assertInstanceOf(SyncStep1.class, ((Inbound.YMessage) format.unwrap(step1)).message());
    }

    @Test
    void readsTheServersOwnMessages() {
        Inbound authenticated = format.unwrap(concat(new byte[] {1}, ascii("d"), new byte[] {2, 2, 10}, ascii("read-write")));
        assertEquals(new Inbound.Authenticated("read-write"), authenticated);
        Inbound denied = format.unwrap(concat(new byte[] {1}, ascii("d"), new byte[] {2, 1, 2}, ascii("no")));
        assertEquals(new Inbound.Denied("no"), denied);
        assertInstanceOf(Inbound.Ignored.class, format.unwrap(concat(new byte[] {1}, ascii("d"), new byte[] {8, 1})));
        assertInstanceOf(Inbound.Denied.class, format.unwrap(concat(new byte[] {1}, ascii("d"), new byte[] {7, 1}, ascii("x"))));
    }

    @Test
    void answersTheConnectionLevelPingWithPong() {
        Inbound reply = format.unwrap(new byte[] {9});
        assertArrayEquals(new byte[] {10}, ((Inbound.Reply) reply).frame());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
