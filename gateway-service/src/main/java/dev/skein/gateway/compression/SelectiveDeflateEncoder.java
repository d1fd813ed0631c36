package dev.skein.gateway.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Compresses an outbound message only when it pays: a whole (single-frame) message of at least the
 * threshold is deflated with this thread's shared deflater and sent with RSV1 set; smaller ones,
 * and any that would not shrink, go out as they are. Without context takeover, as negotiated.
 */
final class SelectiveDeflateEncoder extends WebSocketExtensionEncoder {

    private final SharedZlib zlib;
    private final int thresholdBytes;

    SelectiveDeflateEncoder(SharedZlib zlib, int thresholdBytes) {
        this.zlib = zlib;
        this.thresholdBytes = thresholdBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        boolean wholeDataMessage = (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame)
            && frame.isFinalFragment() && frame.rsv() == 0;
        if (!wholeDataMessage || frame.content().readableBytes() < thresholdBytes) {
            out.add(frame.retain());
            return;
        }
        ByteBuf compressed = deflate(ctx.alloc(), frame.content());
        if (compressed == null) {
            out.add(frame.retain());
            return;
        }
        int rsv = WebSocketExtension.RSV1;
        out.add(frame instanceof BinaryWebSocketFrame
            ? new BinaryWebSocketFrame(true, rsv, compressed)
            : new TextWebSocketFrame(true, rsv, compressed));
    }

    /** The deflated payload without its final empty block's 00 00 FF FF (RFC 7692), or null if not smaller. */
    private ByteBuf deflate(ByteBufAllocator alloc, ByteBuf content) {
        byte[] input = ByteBufUtil.getBytes(content);
        Deflater deflater = zlib.deflater();
        deflater.setInput(input);
        ByteBuf out = alloc.heapBuffer(input.length / 2 + 64);
        byte[] chunk = new byte[Math.min(64 * 1024, Math.max(256, input.length / 2))];
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.writeBytes(chunk, 0, written);
        } while (written == chunk.length);
        int length = out.readableBytes();
        if (length >= 4 && out.getInt(length - 4) == 0x0000FFFF) {
            out.writerIndex(length - 4);
        }
        if (out.readableBytes() >= input.length) {
            out.release();
            return null;
        }
        return out;
    }
}
