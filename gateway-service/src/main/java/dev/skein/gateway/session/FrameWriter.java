package dev.skein.gateway.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one connection's binary messages to its Netty channel.
 *
 * <p>Small messages (below {@code rawBelowBytes}: those never compressed) go out as the bytes of an
 * {@link OutboundFrame} built once for every connection they are sent to, written from the
 * WebSocket frame encoder's place in the pipeline toward the socket; larger ones as frame objects
 * from the pipeline's end, so that permessage-deflate can compress them. {@code sendBinary} of
 * WebSockets Next wraps every write in a Mutiny {@code Uni}, a {@code CompletableFuture} and a
 * captured context, and Vert.x's own write copies the message, builds a frame and encodes its
 * header per connection: under fanout those were most of the gateway's work besides the socket
 * writes themselves.
 *
 * <p>A write from the channel's event loop happens at once; one from any other thread is handed
 * to the loop's {@link LoopWrites}, and once one is waiting there every later write of the
 * connection waits behind it, so a connection's frames leave in the order they were sent. Where
 * the channel cannot be reached ({@link DirectSocket}), frames go through {@code sendBinary}.
 * Direct writes bypass Quarkus's optional WebSocket traffic logging.
 */
final class FrameWriter {

    private final WebSocketConnection connection;
    private final Channel channel;
    /** The WebSocket frame encoder's context, from which encoded frames are written; null: none written so. */
    private final ChannelHandlerContext encoder;
    private final int rawBelowBytes;
    private final LoopWrites loopWrites;
    /** Writes handed to the loop and not yet carried out. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Written by the running drain and not yet flushed (touched by the event loop only). */
    private boolean unflushed;

    private FrameWriter(WebSocketConnection connection, Channel channel, ChannelHandlerContext encoder,
            int rawBelowBytes) {
        this.connection = connection;
        this.channel = channel;
        this.encoder = encoder;
        this.rawBelowBytes = rawBelowBytes;
        this.loopWrites = channel == null ? null : LoopWrites.of(channel.eventLoop());
    }

    /**
     * A writer for {@code connection}: to {@code channel} when not null, else through Quarkus.
     *
     * @param rawBelowBytes messages shorter than this go out as prepared frame bytes (the
     *     compression threshold where permessage-deflate is on)
     */
    static FrameWriter of(WebSocketConnection connection, Channel channel, int rawBelowBytes) {
        return new FrameWriter(connection, channel, channel == null ? null : encoderOf(channel), rawBelowBytes);
    }

    private static ChannelHandlerContext encoderOf(Channel channel) {
        for (Map.Entry<String, ChannelHandler> entry : channel.pipeline()) {
            if (entry.getValue() instanceof WebSocketFrameEncoder) {
                return channel.pipeline().context(entry.getValue());
            }
        }
        return null;
    }

    /** Whether frames go straight to the Netty channel. */
    boolean direct() {
        return channel != null;
    }

    /** Whether small frames are written as prepared bytes (the pipeline's frame encoder was found). */
    boolean writesPreparedFrames() {
        return encoder != null;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Writes one message; {@code done} runs once it was written or failed. */
    void write(OutboundFrame frame, Runnable done) {
        if (channel == null) {
            connection.sendBinary(Buffer.buffer(frame.message())).subscribe().with(ok -> done.run(), failure -> done.run());
            return;
        }
        boolean raw = encoder != null && frame.length() < rawBelowBytes;
        Object message = raw ? frame.encoded() : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.message()));
        if (queued.get() == 0 && channel.eventLoop().inEventLoop()) {
            writeNow(message, raw, done);
            if (raw) {
                encoder.flush();
            } else {
                channel.flush();
            }
        } else {
            queued.incrementAndGet();
            loopWrites.add(this, message, raw, done);
        }
    }

    /**
     * Carries out a write {@link LoopWrites} held, on the event loop, without flushing.
     *
     * @return whether this writer is to be flushed at the end of the drain (its first write in it)
     */
    boolean writeQueued(Object message, boolean raw, Runnable done) {
        writeNow(message, raw, done);
        queued.decrementAndGet();
        boolean first = !unflushed;
        unflushed = true;
        return first;
    }

    /** Flushes what {@link #writeQueued} wrote. */
    void flushQueued() {
        unflushed = false;
        channel.flush();
    }

    private void writeNow(Object message, boolean raw, Runnable done) {
        // a closed channel fails the write and releases the message; done runs either way
        (raw ? encoder : channel).write(message, channel.newPromise().addListener(written -> done.run()));
    }
}
