package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * An awareness update (cursors, user names, presence). Read its payload with
 * {@link AwarenessUpdate#decode(byte[])}.
 *
 * @param awarenessUpdate the awareness update payload; {@link MessageCodec} does not parse it
 */
public record AwarenessMessage(byte[] awarenessUpdate) implements Message {

    public AwarenessMessage {
        Objects.requireNonNull(awarenessUpdate, "awarenessUpdate");
    }

    /** Always {@link MessageType#AWARENESS}. */
    @Override
    public int type() {
        return MessageType.AWARENESS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwarenessMessage other && Arrays.equals(awarenessUpdate, other.awarenessUpdate);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(awarenessUpdate);
    }

    @Override
    public String toString() {
        return "AwarenessMessage[awarenessUpdate=" + Bytes.describe(awarenessUpdate) + "]";
    }
}
