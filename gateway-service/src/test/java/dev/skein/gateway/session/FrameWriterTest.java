package dev.skein.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FrameWriter and OutboundFrame on a real NIO channel whose pipeline encodes WebSocket frames as a
 * server's: prepared frames decode as the frames they stand for, and a connection's frames leave in
 * the order they were sent whichever thread sent them.
 */
class FrameWriterTest {

    private static final int RAW_BELOW = 64;

    private NioTestServer server;

    @BeforeEach
    void listen() throws Exception {
        server = new NioTestServer(() -> new WebSocket08FrameEncoder(false));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void preparedFramesDecodeAsTheMessagesAtEveryLengthEncoding() {
        for (int length : new int[] {0, 1, 125, 126, 65_535, 65_536, 70_000}) {
            byte[] message = message(length, 7);
            OutboundFrame frame = OutboundFrame.of(message);
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
            // two connections' views of the same bytes
            for (int view = 0; view < 2; view++) {
                client.writeInbound(frame.encoded());
                BinaryWebSocketFrame decoded = client.readInbound();
                assertTrue(decoded.isFinalFragment());
                assertEquals(0, decoded.rsv());
                byte[] payload = new byte[decoded.content().readableBytes()];
                decoded.content().readBytes(payload);
                decoded.release();
                assertArrayEquals(message, payload, "length " + length);
            }
            frame.release();
            client.finishAndReleaseAll();
        }
    }

    @Test
    void viewsOutliveTheCreatorsRelease() {
        OutboundFrame frame = OutboundFrame.of(message(10, 1));
        ByteBuf view = frame.encoded();
        frame.release();
        frame.release();
        assertEquals(12, view.readableBytes());
        assertEquals(0x82, view.getUnsignedByte(0));
        assertTrue(view.release());
        assertThrows(IllegalStateException.class, frame::encoded);
    }

    @Test
    void framesFromAnotherThreadLeaveInOrderWhetherPreparedOrNot() throws Exception {
        try (Socket client = connect()) {
            FrameWriter writer = FrameWriter.of(null, server.accepted(), RAW_BELOW);
            assertTrue(writer.writesPreparedFrames());
            int count = 2_000;
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < count; i++) {
                // every third message above the prepared-frame bound: a frame object through the pipeline
                write(writer, numbered(i, i % 3 == 0 ? RAW_BELOW * 2 : 8), done);
            }
            DataInputStream in = new DataInputStream(client.getInputStream());
            for (int i = 0; i < count; i++) {
                assertEquals(i, numberOf(readFrame(in)));
            }
            waitFor(() -> done.get() == count);
        }
    }

    @Test
    void aWriteOnTheLoopWaitsBehindOneQueuedFromAnotherThread() throws Exception {
        try (Socket client = connect()) {
            Channel channel = server.accepted();
            FrameWriter writer = FrameWriter.of(null, channel, RAW_BELOW);
            AtomicInteger done = new AtomicInteger();
            CountDownLatch loopBusy = new CountDownLatch(1);
            CountDownLatch firstQueued = new CountDownLatch(1);
            channel.eventLoop().execute(() -> {
                loopBusy.countDown();
                try {
                    firstQueued.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // the loop has not drained the first write yet: this one must not overtake it
                write(writer, numbered(1, 8), done);
            });
            loopBusy.await(5, TimeUnit.SECONDS);
            write(writer, numbered(0, 8), done);
            firstQueued.countDown();
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertEquals(0, numberOf(readFrame(in)));
            assertEquals(1, numberOf(readFrame(in)));
            waitFor(() -> done.get() == 2);
        }
    }

    @Test
    void writesToAClosedChannelStillReportDone() throws Exception {
        Channel channel;
        try (Socket client = connect()) {
            channel = server.accepted();
        }
        channel.close().sync();
        FrameWriter writer = FrameWriter.of(null, channel, RAW_BELOW);
        AtomicInteger done = new AtomicInteger();
        write(writer, numbered(0, 8), done);
        write(writer, numbered(1, RAW_BELOW * 2), done);
        waitFor(() -> done.get() == 2);
    }

    private static void write(FrameWriter writer, byte[] message, AtomicInteger done) {
        OutboundFrame frame = OutboundFrame.of(message);
        writer.write(frame, done::incrementAndGet);
        frame.release();
    }

    private Socket connect() throws IOException {
        return server.connect();
    }

    private static byte[] message(int length, int seed) {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) (i * 31 + seed);
        }
        return message;
    }

    private static byte[] numbered(int number, int length) {
        byte[] message = new byte[length];
        ByteBuffer.wrap(message).putInt(number);
        return message;
    }

    private static int numberOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getInt();
    }

    /** One unmasked, unfragmented binary frame as a server sends it; its payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        assertEquals(0x82, in.readUnsignedByte());
        int length = in.readUnsignedByte();
        long payload = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] bytes = new byte[(int) payload];
        in.readFully(bytes);
        return bytes;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(5)).until(condition);
    }
}
