package dev.skein.storage.format;

import java.util.Objects;

/**
 * The header of a stored object: what it holds and which records of the update topic it covers.
 *
 * @param kind batch, snapshot, version or changes
 * @param encoding the Yjs encoding of the payload
 * @param partition the partition of the update topic
 * @param fromOffset first offset covered (inclusive; 0 for a snapshot, which covers everything
 *     before its offset too)
 * @param toOffset last offset covered (inclusive)
 */
public record ObjectHeader(ObjectKind kind, UpdateEncoding encoding, int partition, long fromOffset, long toOffset) {

    /** Checks the values. */
    public ObjectHeader {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(encoding, "encoding");
        if (partition < 0 || fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException("invalid header range " + partition + ":" + fromOffset + "-" + toOffset);
        }
    }
}
