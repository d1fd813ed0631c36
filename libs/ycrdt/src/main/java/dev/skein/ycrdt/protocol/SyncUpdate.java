package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental document change, broadcast as it happens.
 *
 * @param update a Yjs v1 update (opaque here: it is not parsed)
 */
public record SyncUpdate(byte[] update) implements Message {

    public SyncUpdate {
        Objects.requireNonNull(update, "update");
    }

    /** Always {@link MessageType#SYNC}. */
    @Override
    public int type() {
        return MessageType.SYNC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncUpdate other && Arrays.equals(update, other.update);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(update);
    }

    @Override
    public String toString() {
        return "SyncUpdate[update=" + Bytes.describe(update) + "]";
    }
}
