package dev.skein.loadtool.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MessageInflaterTest {

    private static byte[] text(int length, long seed) {
        String[] words = {"collaborative ", "editing ", "with ", "yjs ", "and ", "kafka "};
        StringBuilder text = new StringBuilder();
        Random random = new Random(seed);
        while (text.length() < length) {
            text.append(words[random.nextInt(words.length)]);
        }
        return text.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    /** One message through {@code deflater} (sync flush), without the final 00 00 FF FF (RFC 7692). */
    private static byte[] deflate(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, written);
        } while (written == chunk.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    private static byte[] read(EmbeddedChannel channel) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        WebSocketFrame frame;
        while ((frame = channel.readInbound()) != null) {
            assertEquals(0, frame.rsv() & WebSocketExtension.RSV1, "passed on without RSV1");
            ByteBuf content = frame.content();
            message.writeBytes(ByteBufUtil.getBytes(content));
            frame.release();
        }
        return message.toByteArray();
    }

    @Test
    void aCompressedMessageInflatesAndAnUncompressedOnePassesAsItIs() {
        EmbeddedChannel channel = new EmbeddedChannel(new MessageInflater(true, 1 << 20));
        byte[] message = text(300_000, 1);
        byte[] compressed = deflate(new Deflater(4, true), message);
        channel.writeInbound(new BinaryWebSocketFrame(true, WebSocketExtension.RSV1, Unpooled.wrappedBuffer(compressed)));
        assertArrayEquals(message, read(channel));
        byte[] plain = {0, 1, 2, 3};
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(plain)));
        assertArrayEquals(plain, read(channel));
        assertFalse(channel.finish());
    }

    @Test
    void aCompressedMessageOfSeveralFramesInflatesWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new MessageInflater(true, 1 << 20));
        byte[] message = text(100_000, 2);
        byte[] compressed = deflate(new Deflater(6, true), message);
        int third = compressed.length / 3;
        channel.writeInbound(new BinaryWebSocketFrame(false, WebSocketExtension.RSV1,
            Unpooled.wrappedBuffer(Arrays.copyOfRange(compressed, 0, third))));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0,
            Unpooled.wrappedBuffer(Arrays.copyOfRange(compressed, third, 2 * third))));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0,
            Unpooled.wrappedBuffer(Arrays.copyOfRange(compressed, 2 * third, compressed.length))));
        assertArrayEquals(message, read(channel));
    }

    @Test
    void withContextTakeoverALaterMessageMayReferToAnEarlierOne() {
        EmbeddedChannel channel = new EmbeddedChannel(new MessageInflater(false, 1 << 20));
        Deflater server = new Deflater(6, true);
        byte[] first = new byte[20_000];
        Random random = new Random(3);
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) ('a' + random.nextInt(26));
        }
        byte[] second = first.clone(); // deflated against the first: almost nothing but back references
        channel.writeInbound(new BinaryWebSocketFrame(true, WebSocketExtension.RSV1, Unpooled.wrappedBuffer(deflate(server, first))));
        assertArrayEquals(first, read(channel));
        byte[] secondCompressed = deflate(server, second);
        int alone = deflate(new Deflater(6, true), second).length;
        assertTrue(secondCompressed.length < alone / 2, "refers to the first: " + secondCompressed.length + " vs " + alone);
        channel.writeInbound(new BinaryWebSocketFrame(true, WebSocketExtension.RSV1, Unpooled.wrappedBuffer(secondCompressed)));
        assertArrayEquals(second, read(channel));
    }

    @Test
    void aMessageThatInflatesPastTheLimitFails() {
        EmbeddedChannel channel = new EmbeddedChannel(new MessageInflater(true, 100_000));
        byte[] zeros = new byte[1_000_000];
        BinaryWebSocketFrame bomb = new BinaryWebSocketFrame(true, WebSocketExtension.RSV1,
            Unpooled.wrappedBuffer(deflate(new Deflater(9, true), zeros)));
        assertThrows(TooLongFrameException.class, () -> channel.writeInbound(bomb));
    }
}
