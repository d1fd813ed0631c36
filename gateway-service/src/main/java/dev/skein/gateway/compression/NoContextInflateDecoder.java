package dev.skein.gateway.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import dev.skein.gateway.session.CloseCodes;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates inbound messages the client compressed (RSV1), with this thread's shared inflater: the
 * gateway negotiates {@code client_no_context_takeover}, so every message stands alone and no
 * connection keeps an inflater between messages. A message of several frames keeps an inflater of
 * its own until its last frame. Inflating stops at the gateway's message size limit, so a small
 * compressed frame cannot unpack into an unbounded one: such a message closes the connection with
 * 4413, one that does not inflate with 4422.
 */
final class NoContextInflateDecoder extends WebSocketExtensionDecoder {

    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final int maxMessageBytes;
    /** Told whether a refused message was too big (true) or malformed (false), for the metrics. */
    private final Consumer<Boolean> onRefused;
    /** The connection is being closed for a bad message: nothing more is passed on. */
    private boolean refused;
    /** The message being received was compressed (its first frame had RSV1). */
    private boolean compressedMessage;
    /** Inflater of a compressed message of several frames, until its last frame. */
    private Inflater fragmented;
    private long inflatedSoFar;

    NoContextInflateDecoder(int maxMessageBytes, Consumer<Boolean> onRefused) {
        this.maxMessageBytes = maxMessageBytes;
        this.onRefused = onRefused;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        if (refused) {
            return;
        }
        boolean first = frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame;
        boolean continuation = frame instanceof ContinuationWebSocketFrame;
        if (first) {
            compressedMessage = (frame.rsv() & WebSocketExtension.RSV1) != 0;
            inflatedSoFar = 0;
        }
        if (!(first || continuation) || !compressedMessage) {
            out.add(frame.retain());
            return;
        }
        boolean last = frame.isFinalFragment();
        Inflater inflater = first && last ? SharedZlib.inflater() : fragmentInflater();
        ByteBuf inflated = ctx.alloc().heapBuffer(Math.max(64, frame.content().readableBytes() * 3));
        try {
            inflate(inflater, ByteBufUtil.getBytes(frame.content()), inflated);
            if (last) {
                inflate(inflater, TAIL, inflated);
            }
        } catch (RuntimeException | DataFormatException e) {
            inflated.release();
            endFragment();
            refuse(ctx, e instanceof TooLongFrameException);
            return;
        }
        if (last) {
            endFragment();
            compressedMessage = false;
        }
        int rsv = frame.rsv() & ~WebSocketExtension.RSV1;
        out.add(frame instanceof BinaryWebSocketFrame ? new BinaryWebSocketFrame(last, rsv, inflated)
            : frame instanceof TextWebSocketFrame ? new TextWebSocketFrame(last, rsv, inflated)
            : new ContinuationWebSocketFrame(last, rsv, inflated));
    }

    /**
     * Closes the connection with the gateway's code, the way Netty's frame decoder answers a
     * protocol violation: an exception here would make Vert.x drop the connection without a close
     * frame, and the client would not know why.
     */
    private void refuse(ChannelHandlerContext ctx, boolean tooBig) {
        refused = true;
        onRefused.accept(tooBig);
        ctx.writeAndFlush(new CloseWebSocketFrame(tooBig ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.MALFORMED_MESSAGE,
                tooBig ? "message too big" : "malformed compressed message"))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private Inflater fragmentInflater() {
        if (fragmented == null) {
            fragmented = new Inflater(true);
        }
        return fragmented;
    }

    private void endFragment() {
        if (fragmented != null) {
            fragmented.end();
            fragmented = null;
        }
    }

    private void inflate(Inflater inflater, byte[] input, ByteBuf out) throws DataFormatException {
        inflater.setInput(input);
        byte[] chunk = new byte[8192];
        while (true) {
            int n = inflater.inflate(chunk);
            if (n > 0) {
                inflatedSoFar += n;
                if (inflatedSoFar > maxMessageBytes) {
                    throw new TooLongFrameException("inflated message larger than " + maxMessageBytes + " bytes");
                }
                out.writeBytes(chunk, 0, n);
            } else if (inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not allowed");
            } else {
                // input used up (or the stream ended): the rest comes with the next frame
                return;
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        endFragment();
        super.handlerRemoved(ctx);
    }
}
