package dev.skein.ycrdt.protocol;

/**
 * One y-websocket message, as carried by one WebSocket binary frame.
 *
 * <p>Records holding a {@code byte[]} compare it by content. They do not copy it: the arrays
 * {@link MessageCodec#decode} hands out are fresh, and whoever builds a message must not change
 * the array afterwards.
 */
public sealed interface Message
        permits SyncStep1, SyncStep2, SyncUpdate, AwarenessMessage, AuthMessage, QueryAwareness, CustomMessage {

    /** The top-level type this message has on the wire (see {@link MessageType}). */
    int type();
}
