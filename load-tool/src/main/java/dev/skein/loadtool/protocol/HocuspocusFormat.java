package dev.skein.loadtool.protocol;

import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.protocol.MessageCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Hocuspocus 4's framing, as {@code @hocuspocus/provider} 4.7.0 writes and reads it.
 *
 * <ul>
 *   <li>Every frame starts with the document name as a var-string, then a var-uint message
 *       type: the y-protocols types (sync 0, awareness 1, query awareness 3) followed by their
 *       usual bodies, or Hocuspocus's own: auth 2, stateless 5, close 7, sync status 8.</li>
 *   <li>The server queues everything for a document until it has read an auth message for it,
 *       so the provider sends one first: {@code [name][2][0 = token][token][provider version]},
 *       with an empty token when none is configured.</li>
 *   <li>The server answers auth with {@code [name][2][2 = authenticated][scope]} or
 *       {@code [name][2][1 = permission denied][reason]}, and every applied update with
 *       {@code [name][8][1]}.</li>
 *   <li>Connection-level ping: a one-byte frame {@code [9]} (no document name), answered
 *       with {@code [10]}.</li>
 * </ul>
 */
public final class HocuspocusFormat implements WireFormat {

    /** The option value and report name. */
    public static final String NAME = "hocuspocus";

    static final int TYPE_AUTH = 2;
    static final int TYPE_STATELESS = 5;
    static final int TYPE_CLOSE = 7;
    static final int TYPE_SYNC_STATUS = 8;
    static final int TYPE_PING = 9;
    static final int TYPE_PONG = 10;
    static final int AUTH_TOKEN = 0;
    static final int AUTH_PERMISSION_DENIED = 1;
    static final int AUTH_AUTHENTICATED = 2;

    /**
     * The provider release whose framing this follows; the server only records it (it arrives
     * in the auth message as the provider's version).
     */
    static final String PROVIDER_VERSION = "4.7.0";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<byte[]> opening(String docName, Optional<String> token) {
        ByteWriter out = new ByteWriter();
        out.writeVarString(docName);
        out.writeVarUint(TYPE_AUTH);
        out.writeVarUint(AUTH_TOKEN);
        out.writeVarString(token.orElse(""));
        out.writeVarString(PROVIDER_VERSION);
        return List.of(out.toByteArray());
    }

    @Override
    public byte[] wrap(String docName, byte[] message) {
        ByteWriter out = new ByteWriter(message.length + docName.length() + 8);
        out.writeVarString(docName);
        out.writeBytes(message);
        return out.toByteArray();
    }

    @Override
    public Inbound unwrap(byte[] frame) {
        if (frame.length == 1 && frame[0] == TYPE_PING) {
            return new Inbound.Reply(new byte[] {TYPE_PONG});
        }
        ByteReader in = new ByteReader(frame);
        in.readVarString();
        int messageStart = in.position();
        long type = in.readVarUint();
        if (type == TYPE_AUTH) {
            long subType = in.readVarUint();
            if (subType == AUTH_AUTHENTICATED) {
                return new Inbound.Authenticated(in.readVarString());
            }
            if (subType == AUTH_PERMISSION_DENIED) {
                return new Inbound.Denied(in.readVarString());
            }
            return new Inbound.Ignored("auth message " + subType);
        }
        if (type == TYPE_CLOSE) {
            return new Inbound.Denied("closed by the server: " + in.readVarString());
        }
        if (type == TYPE_SYNC_STATUS) {
            return new Inbound.Ignored("sync status");
        }
        if (type == TYPE_STATELESS) {
            return new Inbound.Ignored("stateless");
        }
        return new Inbound.YMessage(MessageCodec.decode(Arrays.copyOfRange(frame, messageStart, frame.length)));
    }
}
