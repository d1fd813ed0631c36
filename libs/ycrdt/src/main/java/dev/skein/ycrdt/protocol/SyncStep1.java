package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Sync step 1: the sender's state vector, asking the peer for everything the sender lacks. A
 * client sends it right after connecting; the server answers with a {@link SyncStep2} and its own
 * step 1.
 *
 * @param stateVector the encoded state vector (opaque here: it is not parsed)
 */
public record SyncStep1(byte[] stateVector) implements Message {

    public SyncStep1 {
        Objects.requireNonNull(stateVector, "stateVector");
    }

    /** Always {@link MessageType#SYNC}. */
    @Override
    public int type() {
        return MessageType.SYNC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStep1 other && Arrays.equals(stateVector, other.stateVector);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stateVector);
    }

    @Override
    public String toString() {
        return "SyncStep1[stateVector=" + Bytes.describe(stateVector) + "]";
    }
}
