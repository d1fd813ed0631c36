package dev.skein.ycrdt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Sync step 2: the answer to a {@link SyncStep1}, holding every change the asker lacks. Receiving
 * it is what makes a y-websocket client report itself synced.
 *
 * @param update a Yjs v1 update (opaque here: it is not parsed)
 */
public record SyncStep2(byte[] update) implements Message {

    public SyncStep2 {
        Objects.requireNonNull(update, "update");
    }

    /** Always {@link MessageType#SYNC}. */
    @Override
    public int type() {
        return MessageType.SYNC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStep2 other && Arrays.equals(update, other.update);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(update);
    }

    @Override
    public String toString() {
        return "SyncStep2[update=" + Bytes.describe(update) + "]";
    }
}
