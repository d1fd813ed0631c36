package dev.skein.loadtool.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client's side of permessage-deflate inbound (RFC 7692): inflates each compressed message
 * (RSV1 on its first frame) with one zlib inflater straight into an array, as a browser's network
 * stack does natively. It takes the place of Netty's decoder, which inflates through an embedded
 * channel into composite buffers: in a bigdoc run 2.8 ms from the last byte of the 277 KB B4
 * answer to the message against 0.7–1.0 ms here (load-tool/README.md), a cost no browser has and
 * that only a compressing server's clients paid.
 * The inflater keeps its window across messages unless the server agreed to
 * {@code server_no_context_takeover}.
 */
final class MessageInflater extends WebSocketExtensionDecoder {

    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean serverNoContextTakeover;
    private final int maxMessageBytes;
    private final Inflater inflater = new Inflater(true);
    /** The message being received was compressed (its first frame had RSV1). */
    private boolean compressedMessage;
    private long inflatedSoFar;

    /**
     * @param serverNoContextTakeover the server compresses every message on its own
     * @param maxMessageBytes inflating stops with an error past this many bytes of one message
     */
    MessageInflater(boolean serverNoContextTakeover, int maxMessageBytes) {
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        boolean first = frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame;
        if (first) {
            compressedMessage = (frame.rsv() & WebSocketExtension.RSV1) != 0;
            inflatedSoFar = 0;
        }
        if (!compressedMessage || !(first || frame instanceof ContinuationWebSocketFrame)) {
            out.add(frame.retain());
            return;
        }
        boolean last = frame.isFinalFragment();
        ByteBuf inflated = Unpooled.wrappedBuffer(inflate(frame.content(), last));
        if (last) {
            compressedMessage = false;
            if (serverNoContextTakeover) {
                inflater.reset();
            }
        }
        int rsv = frame.rsv() & ~WebSocketExtension.RSV1;
        if (frame instanceof TextWebSocketFrame) {
            out.add(new TextWebSocketFrame(last, rsv, inflated));
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new BinaryWebSocketFrame(last, rsv, inflated));
        } else {
            out.add(new ContinuationWebSocketFrame(last, rsv, inflated));
        }
    }

    private byte[] inflate(ByteBuf content, boolean last) throws DataFormatException {
        int length = content.readableBytes();
        byte[] input;
        if (last) {
            input = new byte[length + TAIL.length];
            content.getBytes(content.readerIndex(), input, 0, length);
            System.arraycopy(TAIL, 0, input, length, TAIL.length);
        } else {
            input = new byte[length];
            content.getBytes(content.readerIndex(), input);
        }
        inflater.setInput(input);
        byte[] output = new byte[Math.max(256, length * 4)];
        int written = 0;
        while (true) {
            written += inflater.inflate(output, written, output.length - written);
            if (written < output.length && inflater.needsInput()) {
                break;
            }
            if (inflatedSoFar + written >= maxMessageBytes) {
                throw new TooLongFrameException("a compressed message inflates past " + maxMessageBytes + " bytes");
            }
            if (written == output.length) {
                output = Arrays.copyOf(output, (int) Math.min((long) output.length * 2, maxMessageBytes));
            } else if (inflater.finished() || inflater.needsDictionary()) {
                throw new DataFormatException("a compressed message does not inflate");
            }
        }
        inflatedSoFar += written;
        return written == output.length ? output : Arrays.copyOf(output, written);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inflater.end();
    }
}
