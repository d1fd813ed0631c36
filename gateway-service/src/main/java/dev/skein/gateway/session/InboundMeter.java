package dev.skein.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one connection holds of what its client sent, from its first byte on the socket
 * until the message was handled: bytes that are not a whole message yet (Netty keeps a frame until
 * its last byte), whole messages on their way to the gateway's handler, and messages waiting in
 * the connection's {@link InboundLane}. Two Netty handlers see the bytes: one first in the
 * pipeline (every byte read) and one right after the WebSocket frame decoder (every whole frame,
 * at its size on the wire); the session reports when a message reaches its lane
 * ({@link #queued}) and when it was handled ({@link #handled}). Every byte counted is also held in
 * the gateway's {@link InboundBudget}. When the connection passes its own bound, or its bytes
 * would pass the gateway's budget, {@code onOver} runs (the session closes the client).
 */
final class InboundMeter {

    /** Netty's name of the WebSocket frame decoder in a connection's pipeline. */
    static final String FRAME_DECODER = "wsdecoder";

    private final InboundBudget budget;
    private final long maxBytes;
    private final Runnable onOver;
    /** Everything this connection holds, as counted in the budget. */
    private final AtomicLong held = new AtomicLong();
    /** Wire sizes of whole messages not yet in the lane, oldest first (frames decoded on the event loop). */
    private final Queue<Long> inTransit = new ConcurrentLinkedQueue<>();
    /** Wire bytes of the frames of a message whose last frame has not come yet (event loop only). */
    private long fragments;
    private volatile boolean over;

    InboundMeter(InboundBudget budget, long maxBytes, Runnable onOver) {
        this.budget = budget;
        this.maxBytes = maxBytes;
        this.onOver = onOver;
    }

    /** Puts the two counting handlers into {@code channel}'s pipeline (once the WebSocket is set up). */
    void attach(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(FRAME_DECODER) == null) {
            return;
        }
        pipeline.addFirst("skein-inbound-bytes", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes) {
                    read(bytes.readableBytes());
                }
                ctx.fireChannelRead(msg);
            }
        });
        pipeline.addAfter(FRAME_DECODER, "skein-inbound-frames", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof WebSocketFrame frame) {
                    framed(frame);
                }
                ctx.fireChannelRead(msg);
            }
        });
    }

    /** Size on the wire of a client frame with {@code payload} bytes (clients always mask). */
    static long wireSize(long payload) {
        return payload + 2 + 4 + (payload < 126 ? 0 : payload < 65536 ? 2 : 8);
    }

    /** {@code bytes} were read from the socket. */
    void read(long bytes) {
        add(bytes);
    }

    private void framed(WebSocketFrame frame) {
        long wire = wireSize(frame.content().readableBytes());
        boolean data = frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame
            || frame instanceof ContinuationWebSocketFrame;
        if (!data) {
            // ping, pong, close: handled inside Netty and Vert.x, nothing of it waits for the gateway
            subtract(wire);
            return;
        }
        fragments += wire;
        if (frame.isFinalFragment()) {
            inTransit.add(fragments);
            fragments = 0;
        }
    }

    /** A message of {@code bytes} reached the connection's lane (it may be larger than on the wire: inflated). */
    void queued(long bytes) {
        Long wire = inTransit.poll();
        long change = bytes - (wire == null ? 0 : wire);
        if (change >= 0) {
            add(change);
        } else {
            subtract(-change);
        }
    }

    /** A message of {@code bytes} was handled. */
    void handled(long bytes) {
        subtract(bytes);
    }

    /** Bytes this connection holds now. */
    long held() {
        return held.get();
    }

    /** Gives everything back to the budget: the connection is gone. */
    void release() {
        over = true;
        long left = held.getAndSet(0);
        if (left > 0) {
            budget.release(left);
        }
    }

    private void add(long bytes) {
        if (over || bytes == 0) {
            return;
        }
        if (held.addAndGet(bytes) > maxBytes || !budget.tryHold(bytes)) {
            held.addAndGet(-bytes);
            over = true;
            onOver.run();
        }
    }

    private void subtract(long bytes) {
        long taken;
        long current;
        do {
            current = held.get();
            taken = Math.min(bytes, current);
        } while (taken > 0 && !held.compareAndSet(current, current - taken));
        if (taken > 0) {
            budget.release(taken);
        }
    }
}
