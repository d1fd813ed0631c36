package dev.skein.storage.read;

import dev.skein.storage.layout.StoredName;

/**
 * A stored object that could not be read (truncated, bit-flipped, not ours) and was left out of a
 * document, with the part of the update log whose records it held, so that a reader with access to
 * the log can take them from there instead.
 *
 * @param name the damaged object
 * @param reason why it could not be decoded
 * @param partition the update topic partition its records came from
 * @param fromOffset the first offset it may hold records of
 * @param toOffset the last offset it may hold records of (inclusive)
 */
public record DamagedObject(StoredName name, String reason, int partition, long fromOffset, long toOffset) {

    /** The object's key, for logs and reports. */
    public String key() {
        return name.key();
    }
}
