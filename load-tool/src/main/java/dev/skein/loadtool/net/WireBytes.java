package dev.skein.loadtool.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes a connection reads from its socket, first in its pipeline (before any decoding). */
final class WireBytes extends ChannelInboundHandlerAdapter {

    private final AtomicLong count;

    WireBytes(AtomicLong count) {
        this.count = count;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            count.addAndGet(bytes.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
