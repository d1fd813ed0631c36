package dev.skein.loadtool.protocol;

import java.util.List;
import java.util.Optional;

/**
 * How y-protocols messages travel on a WebSocket: plain (y-websocket, Skein) or inside
 * Hocuspocus's per-document envelope.
 */
public interface WireFormat {

    /** Name for reports and the {@code --protocol} option. */
    String name();

    /** Frames a client sends right after the handshake, before its sync step 1. */
    List<byte[]> opening(String docName, Optional<String> token);

    /** One frame carrying the y-protocols message {@code message} for {@code docName}. */
    byte[] wrap(String docName, byte[] message);

    /** Reads one inbound frame; malformed frames throw {@link dev.skein.ycrdt.YDecodingException}. */
    Inbound unwrap(byte[] frame);

    /** The format called {@code name} ({@code y-websocket} or {@code hocuspocus}). */
    static WireFormat named(String name) {
        return switch (name) {
            case YWebsocketFormat.NAME -> new YWebsocketFormat();
            case HocuspocusFormat.NAME -> new HocuspocusFormat();
            default -> throw new IllegalArgumentException(
                    "unknown protocol '" + name + "' (expected " + YWebsocketFormat.NAME + " or " + HocuspocusFormat.NAME + ")");
        };
    }
}
