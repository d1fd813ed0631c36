package dev.skein.gateway.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.List;

/**
 * Compresses an outbound message only when it pays: a whole (single-frame) message of at least the
 * threshold is deflated by {@link SharedZlib} (once for identical messages, whichever connection
 * they go to) and sent with RSV1 set; smaller ones, and any that would not shrink, go out as they
 * are. Without context takeover, as negotiated.
 */
final class SelectiveDeflateEncoder extends WebSocketExtensionEncoder {

    private final SharedZlib zlib;
    private final int thresholdBytes;

    SelectiveDeflateEncoder(SharedZlib zlib, int thresholdBytes) {
        this.zlib = zlib;
        this.thresholdBytes = thresholdBytes;
    }

    /**
     * Frames that stay as they are (almost all: every small update and awareness message) pass
     * straight on, without the encoder's list, retain and release per frame.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof WebSocketFrame frame && !compressible(frame)) {
            ctx.write(msg, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private boolean compressible(WebSocketFrame frame) {
        return (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame)
            && frame.isFinalFragment() && frame.rsv() == 0 && frame.content().readableBytes() >= thresholdBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!compressible(frame)) {
            out.add(frame.retain());
            return;
        }
        byte[] deflated = zlib.deflate(ByteBufUtil.getBytes(frame.content()));
        if (deflated == null) {
            out.add(frame.retain());
            return;
        }
        ByteBuf compressed = Unpooled.wrappedBuffer(deflated);
        int rsv = WebSocketExtension.RSV1;
        out.add(frame instanceof BinaryWebSocketFrame
            ? new BinaryWebSocketFrame(true, rsv, compressed)
            : new TextWebSocketFrame(true, rsv, compressed));
    }
}
