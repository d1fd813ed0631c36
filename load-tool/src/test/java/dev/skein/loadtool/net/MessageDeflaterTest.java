package dev.skein.loadtool.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageDeflaterTest {

    private static byte[] letters(int length, long seed) {
        byte[] bytes = new byte[length];
        Random random = new Random(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    /** Sends {@code message} through the deflater and returns the frame it wrote, compressed. */
    private static WebSocketFrame send(EmbeddedChannel client, byte[] message) {
        client.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
        WebSocketFrame frame = client.readOutbound();
        assertEquals(WebSocketExtension.RSV1, frame.rsv() & WebSocketExtension.RSV1, "compressed, as browsers send");
        return frame;
    }

    private static byte[] receive(EmbeddedChannel server, WebSocketFrame frame) {
        server.writeInbound(frame);
        WebSocketFrame inflated = server.readInbound();
        byte[] bytes = ByteBufUtil.getBytes(inflated.content());
        inflated.release();
        return bytes;
    }

    @Test
    void withoutContextTakeoverEveryMessageInflatesOnItsOwn() {
        EmbeddedChannel client = new EmbeddedChannel(new MessageDeflater(true, 6));
        for (long seed = 1; seed <= 3; seed++) {
            byte[] message = letters(5_000, seed % 2);
            // a fresh inflater per message: nothing may refer to an earlier one
            EmbeddedChannel server = new EmbeddedChannel(new MessageInflater(true, 1 << 20));
            assertArrayEquals(message, receive(server, send(client, message)));
        }
        byte[] keystroke = {1, 2, 3};
        EmbeddedChannel server = new EmbeddedChannel(new MessageInflater(true, 1 << 20));
        assertArrayEquals(keystroke, receive(server, send(client, keystroke)));
    }

    @Test
    void withContextTakeoverALaterMessageRefersToAnEarlierOne() {
        EmbeddedChannel client = new EmbeddedChannel(new MessageDeflater(false, 6));
        EmbeddedChannel server = new EmbeddedChannel(new MessageInflater(false, 1 << 20));
        byte[] message = letters(20_000, 7);
        WebSocketFrame first = send(client, message);
        int firstBytes = first.content().readableBytes();
        assertArrayEquals(message, receive(server, first));
        WebSocketFrame second = send(client, message.clone());
        assertTrue(second.content().readableBytes() < firstBytes / 2,
            "refers to the first: " + second.content().readableBytes() + " vs " + firstBytes);
        assertArrayEquals(message, receive(server, second));
    }
}
