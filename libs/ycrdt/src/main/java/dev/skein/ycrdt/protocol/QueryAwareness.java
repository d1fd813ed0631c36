package dev.skein.ycrdt.protocol;

/**
 * Asks the peer to answer with an {@link AwarenessMessage} holding every awareness state it knows.
 * It has no payload.
 */
public record QueryAwareness() implements Message {

    /** Always {@link MessageType#QUERY_AWARENESS}. */
    @Override
    public int type() {
        return MessageType.QUERY_AWARENESS;
    }
}
