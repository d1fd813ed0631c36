package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message this codec does not interpret: an unknown top-level type, or a sync or auth message
 * with an unknown sub-type. The stock client ignores such messages instead of failing, so decoding
 * keeps them whole rather than rejecting the frame; applications may define their own types.
 *
 * <p>{@link MessageCodec#encode} writes {@code type} and then {@code payload} verbatim, so a decoded
 * custom message re-encodes to the bytes it came from. (A custom message built with a known type
 * and sub-type therefore goes out as, and decodes to, that known message.)
 *
 * @param type    the top-level type, not negative; {@link MessageType#SYNC} or {@link MessageType#AUTH}
 *                for an unknown sub-type
 * @param payload every byte after the top-level type (for an unknown sub-type, starting with it)
 */
public record CustomMessage(int type, byte[] payload) implements Message {

    public CustomMessage {
        if (type < 0) {
            throw new IllegalArgumentException("negative message type " + type);
        }
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomMessage other && type == other.type && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CustomMessage[type=" + type + ", payload=" + Bytes.describe(payload) + "]";
    }
}
