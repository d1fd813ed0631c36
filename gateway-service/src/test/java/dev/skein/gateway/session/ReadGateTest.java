package dev.skein.gateway.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ReadGate on a real NIO channel: a paused client is not read, and a resumed one always is again. */
class ReadGateTest {

    private NioTestServer server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        server = new NioTestServer(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                received.add(bytes.toString(UTF_8));
                bytes.release();
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    private Socket connect() throws Exception {
        return server.connect();
    }

    private static void send(Socket client, String text) throws Exception {
        OutputStream out = client.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    @Test
    void aPausedClientIsNotReadUntilTheLastReasonIsLifted() throws Exception {
        try (Socket client = connect()) {
            Channel channel = server.accepted();
            ReadGate gate = new ReadGate(channel);
            assertTrue(gate.pause(ReadGate.Reason.BACKLOG));
            assertTrue(gate.pause(ReadGate.Reason.OUTBOUND));
            // a pause from another thread takes effect on the event loop, after what is queued there
            channel.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
            send(client, "held");
            gate.resume(ReadGate.Reason.BACKLOG);
            assertNull(received.poll(300, TimeUnit.MILLISECONDS), "still paused for the outbound queue");
            gate.resume(ReadGate.Reason.OUTBOUND);
            assertEquals("held", received.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPauseFromAnotherThreadThenAResumeOnTheEventLoopLeavesTheClientRead() throws Exception {
        try (Socket client = connect()) {
            Channel channel = server.accepted();
            ReadGate gate = new ReadGate(channel);
            // The Kafka thread pauses (an outbound queue over its bound) while the event loop is busy;
            // the loop then finishes the writes and resumes before it gets to anything queued for it.
            channel.eventLoop().submit(() -> {
                CountDownLatch paused = new CountDownLatch(1);
                Thread kafka = new Thread(() -> {
                    gate.pause(ReadGate.Reason.OUTBOUND);
                    paused.countDown();
                });
                kafka.start();
                assertTrue(paused.await(5, TimeUnit.SECONDS));
                gate.resume(ReadGate.Reason.OUTBOUND);
                return null;
            }).get(10, TimeUnit.SECONDS);
            send(client, "after");
            assertEquals("after", received.poll(5, TimeUnit.SECONDS), "the client is read again");
        }
    }

    @Test
    void aPacedClientIsReadInSmallBitesSoOneReadNeverHoldsItsWholeBacklog() throws Exception {
        try (Socket client = connect()) {
            Channel channel = server.accepted();
            ReadGate gate = new ReadGate(channel);
            gate.pause(ReadGate.Reason.BACKLOG);
            gate.readSmall();
            channel.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
            // a backlog built while paused, as a bursting client's is when reading resumes
            send(client, "k".repeat(60_000));
            Thread.sleep(200);
            gate.resume(ReadGate.Reason.BACKLOG);
            int bytes = 0;
            int reads = 0;
            while (bytes < 60_000) {
                String chunk = received.poll(5, TimeUnit.SECONDS);
                assertTrue(chunk != null, "everything arrives");
                assertTrue(chunk.length() <= ReadGate.PACED_READ_BYTES, "a read of " + chunk.length() + " bytes");
                bytes += chunk.length();
                reads++;
            }
            assertEquals(60_000, bytes);
            assertTrue(reads >= 60_000 / ReadGate.PACED_READ_BYTES, reads + " reads");
        }
    }
}
