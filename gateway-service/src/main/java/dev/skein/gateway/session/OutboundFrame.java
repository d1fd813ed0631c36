package dev.skein.gateway.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One binary message for any number of connections, framed once. A server's WebSocket frames are
 * not masked, so the bytes of an uncompressed frame are the same for every connection: a fan-out
 * builds them once (header and payload in one direct buffer) and hands each connection a view of
 * them, instead of each write copying the message, building a frame object and encoding a header.
 *
 * <p>Whoever creates one {@link #release() releases} it after handing it to every connection; the
 * views keep the bytes until each connection has written them.
 */
public final class OutboundFrame {

    private static final int FIN_BINARY = 0x82;

    private final byte[] message;
    private ByteBuf encoded;
    private boolean released;

    private OutboundFrame(byte[] message) {
        this.message = message;
    }

    /** A frame carrying {@code message} (a whole y-protocol message). */
    public static OutboundFrame of(byte[] message) {
        return new OutboundFrame(message);
    }

    /** The message, as it goes into a frame object or a compressed frame. */
    byte[] message() {
        return message;
    }

    /** Bytes of the message (not counting the frame header). */
    public int length() {
        return message.length;
    }

    /**
     * A view of the whole uncompressed frame (header and payload), retained for one write; the
     * first call builds it.
     */
    synchronized ByteBuf encoded() {
        if (released) {
            throw new IllegalStateException("frame already released");
        }
        if (encoded == null) {
            encoded = encode(message);
        }
        return encoded.retainedDuplicate();
    }

    /** Lets go of the creator's hold on the frame's bytes (views handed out keep them). */
    public synchronized void release() {
        if (!released) {
            released = true;
            if (encoded != null) {
                encoded.release();
                encoded = null;
            }
        }
    }

    /** RFC 6455 section 5.2: FIN and the binary opcode, the payload length, no mask, the payload. */
    static ByteBuf encode(byte[] message) {
        int length = message.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(header + length);
        frame.writeByte(FIN_BINARY);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(message);
        return frame;
    }
}
