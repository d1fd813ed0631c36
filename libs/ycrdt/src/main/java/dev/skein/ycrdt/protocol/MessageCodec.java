package dev.skein.ycrdt.protocol;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes y-websocket frames: one WebSocket binary frame holds exactly one message.
 *
 * <p>Layout: a var-uint top-level type ({@link MessageType}); sync messages follow with a var-uint
 * sub-type and a length-prefixed payload; awareness messages with a length-prefixed awareness
 * update; auth messages with a var-uint sub-type and, for permission denied, a var-string reason;
 * a query-awareness message has nothing after its type.
 *
 * <p><b>Trailing bytes.</b> y-websocket 3.1.0 (client) and y-websocket-server read one message
 * from a frame and never look at what follows it, so extra bytes after a complete known message
 * are ignored here too: {@link #decode} accepts such a frame and {@link #encode} of the result
 * yields the frame without the excess. (y-websocket's development branch, after 4.0.0-rc.2, reads
 * further messages from the rest of a frame; 3.1.0 neither sends nor reads such frames.)
 *
 * <p><b>Where this is stricter than lib0.</b> lib0 accepts a var-uint padded beyond 8 bytes or
 * above 2^53 (yielding an imprecise number); such input is rejected here, since no encoder writes it.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /**
     * Decodes one frame.
     *
     * <p>Unknown top-level types, and sync or auth messages with an unknown sub-type, become a
     * {@link CustomMessage}, because the stock client ignores them rather than failing. Payloads
     * are copied out of {@code frame} and are not parsed further.
     *
     * @throws YDecodingException if the frame is empty or ends inside a field, if a number
     *         exceeds 2^53 (a top-level type, uniquely here, must also fit an {@code int}), or if
     *         a permission-denied reason is not valid UTF-8
     */
    public static Message decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        ByteReader in = new ByteReader(frame);
        long type = in.readVarUint();
        if (type == MessageType.SYNC) {
            return decodeSync(frame, in);
        }
        if (type == MessageType.AWARENESS) {
            return new AwarenessMessage(in.readVarBytes());
        }
        if (type == MessageType.AUTH) {
            return decodeAuth(frame, in);
        }
        if (type == MessageType.QUERY_AWARENESS) {
            return new QueryAwareness();
        }
        if (type > Integer.MAX_VALUE) {
            // y-websocket would merely ignore such a message, but CustomMessage keeps an int type
            throw new YDecodingException(Reason.UNEXPECTED_VALUE, 0, "message type " + type + " above 2^31-1");
        }
        return new CustomMessage((int) type, in.readRemaining());
    }

    private static Message decodeSync(byte[] frame, ByteReader in) {
        int payloadStart = in.position();
        long subType = in.readVarUint();
        if (subType == MessageType.SYNC_STEP1) {
            return new SyncStep1(in.readVarBytes());
        }
        if (subType == MessageType.SYNC_STEP2) {
            return new SyncStep2(in.readVarBytes());
        }
        if (subType == MessageType.SYNC_UPDATE) {
            return new SyncUpdate(in.readVarBytes());
        }
        return new CustomMessage(MessageType.SYNC, Arrays.copyOfRange(frame, payloadStart, frame.length));
    }

    private static Message decodeAuth(byte[] frame, ByteReader in) {
        int payloadStart = in.position();
        long subType = in.readVarUint();
        if (subType == MessageType.AUTH_PERMISSION_DENIED) {
            return new AuthMessage(in.readVarString());
        }
        return new CustomMessage(MessageType.AUTH, Arrays.copyOfRange(frame, payloadStart, frame.length));
    }

    /** Encodes {@code message} into one frame, byte for byte as y-protocols would write it. */
    public static byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof SyncStep1 m) {
            return sync(MessageType.SYNC_STEP1, m.stateVector());
        }
        if (message instanceof SyncStep2 m) {
            return sync(MessageType.SYNC_STEP2, m.update());
        }
        if (message instanceof SyncUpdate m) {
            return sync(MessageType.SYNC_UPDATE, m.update());
        }
        if (message instanceof AwarenessMessage m) {
            ByteWriter out = new ByteWriter(m.awarenessUpdate().length + 8);
            out.writeVarUint(MessageType.AWARENESS);
            out.writeVarBytes(m.awarenessUpdate());
            return out.toByteArray();
        }
        if (message instanceof AuthMessage m) {
            ByteWriter out = new ByteWriter();
            out.writeVarUint(MessageType.AUTH);
            out.writeVarUint(MessageType.AUTH_PERMISSION_DENIED);
            out.writeVarString(m.reason());
            return out.toByteArray();
        }
        if (message instanceof QueryAwareness) {
            return new byte[] {MessageType.QUERY_AWARENESS};
        }
        CustomMessage m = (CustomMessage) message;
        ByteWriter out = new ByteWriter(m.payload().length + 8);
        out.writeVarUint(m.type());
        out.writeBytes(m.payload());
        return out.toByteArray();
    }

    private static byte[] sync(int subType, byte[] payload) {
        ByteWriter out = new ByteWriter(payload.length + 12);
        out.writeVarUint(MessageType.SYNC);
        out.writeVarUint(subType);
        out.writeVarBytes(payload);
        return out.toByteArray();
    }
}
