package dev.skein.loadtool.protocol;

import dev.skein.ycrdt.protocol.AuthMessage;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.MessageCodec;
import java.util.List;
import java.util.Optional;

/**
 * The stock y-websocket framing: one y-protocols message per binary frame, the document named
 * by the URL path, credentials (if any) in the URL's query. Nothing is sent before sync step 1.
 */
public final class YWebsocketFormat implements WireFormat {

    /** The option value and report name. */
    public static final String NAME = "y-websocket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<byte[]> opening(String docName, Optional<String> token) {
        return List.of();
    }

    @Override
    public byte[] wrap(String docName, byte[] message) {
        return message;
    }

    @Override
    public Inbound unwrap(byte[] frame) {
        Message message = MessageCodec.decode(frame);
        if (message instanceof AuthMessage denied) {
            return new Inbound.Denied(denied.reason());
        }
        return new Inbound.YMessage(message);
    }
}
