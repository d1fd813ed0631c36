package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboundMeterTest {

    private final AtomicInteger overs = new AtomicInteger();

    /** A channel with a stand-in frame decoder, the meter's two handlers around it. */
    private EmbeddedChannel channel(InboundMeter meter) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(InboundMeter.FRAME_DECODER, new ChannelInboundHandlerAdapter());
        meter.attach(channel);
        return channel;
    }

    private static void bytesThenFrame(EmbeddedChannel channel, int payload) {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(int) InboundMeter.wireSize(payload)]));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[payload])));
    }

    @Test
    void aMessageIsHeldFromItsFirstByteUntilItWasHandled() {
        InboundBudget budget = new InboundBudget(1 << 20);
        InboundMeter meter = new InboundMeter(budget, 1 << 20, overs::incrementAndGet);
        EmbeddedChannel channel = channel(meter);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[300]));
        assertEquals(300, meter.held(), "half a frame");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(int) InboundMeter.wireSize(1000) - 300]));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1000])));
        assertEquals(InboundMeter.wireSize(1000), meter.held(), "a whole frame on its way");
        meter.queued(1000);
        assertEquals(1000, meter.held(), "the message in the lane");
        meter.handled(1000);
        assertEquals(0, meter.held());
        assertEquals(0, budget.held());
        assertEquals(0, overs.get());
    }

    @Test
    void inflatedMessagesCountTheirSizeAfterInflatingAndControlFramesNothing() {
        InboundBudget budget = new InboundBudget(1 << 20);
        InboundMeter meter = new InboundMeter(budget, 1 << 20, overs::incrementAndGet);
        EmbeddedChannel channel = channel(meter);
        bytesThenFrame(channel, 40);
        meter.queued(5000);
        assertEquals(5000, budget.held());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(int) InboundMeter.wireSize(4)]));
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[4])));
        assertEquals(5000, budget.held(), "a ping is not held");
        meter.handled(5000);
        assertEquals(0, budget.held());
    }

    @Test
    void aMessageOfSeveralFramesIsOneMessage() {
        InboundBudget budget = new InboundBudget(1 << 20);
        InboundMeter meter = new InboundMeter(budget, 1 << 20, overs::incrementAndGet);
        EmbeddedChannel channel = channel(meter);
        long wire = InboundMeter.wireSize(100) * 2;
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(int) wire]));
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[100])));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[100])));
        meter.queued(200);
        meter.handled(200);
        assertEquals(0, budget.held());
    }

    @Test
    void passingTheConnectionsBoundClosesItOnceAndGivesBackWhatItHeld() {
        InboundBudget budget = new InboundBudget(1 << 20);
        InboundMeter meter = new InboundMeter(budget, 1000, overs::incrementAndGet);
        EmbeddedChannel channel = channel(meter);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[800]));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[300]));
        assertEquals(1, overs.get());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[300]));
        assertEquals(1, overs.get(), "told once");
        meter.release();
        assertEquals(0, budget.held());
    }

    @Test
    void theConnectionWhoseBytesWouldPassTheGatewaysBudgetIsTheOneClosed() {
        InboundBudget budget = new InboundBudget(1500);
        AtomicInteger firstOver = new AtomicInteger();
        InboundMeter first = new InboundMeter(budget, 1 << 20, firstOver::incrementAndGet);
        InboundMeter second = new InboundMeter(budget, 1 << 20, overs::incrementAndGet);
        channel(first).writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
        EmbeddedChannel secondChannel = channel(second);
        secondChannel.writeInbound(Unpooled.wrappedBuffer(new byte[400]));
        assertEquals(0, overs.get());
        secondChannel.writeInbound(Unpooled.wrappedBuffer(new byte[400]));
        assertEquals(1, overs.get(), "the second one passed the budget");
        assertEquals(0, firstOver.get());
        assertTrue(budget.held() <= budget.limit());
        assertFalse(budget.held() > 1400);
    }
}
