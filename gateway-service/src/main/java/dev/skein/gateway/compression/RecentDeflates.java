package dev.skein.gateway.compression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The messages one event-loop thread compressed last, with their compressed form, so that an
 * identical message sent again is deflated once: a document's whole state answered to each client
 * that joins it while it does not change, a large paste delivered to each reader, a large presence
 * snapshot greeting each newcomer. Without context takeover a message's compressed form depends on
 * its bytes and the level alone, never on the connection, so one form serves every connection.
 *
 * <p>Bounded by bytes (originals and compressed forms together); the least recently used go first,
 * and an entry unused for {@link #IDLE_NANOS} is dropped at the next lookup. Not thread-safe: one
 * instance per event-loop thread.
 */
final class RecentDeflates {

    /** An entry unused this long is dropped: joins and fan-outs reuse within moments. */
    static final long IDLE_NANOS = 60_000_000_000L;

    private record Entry(byte[] original, byte[] compressed, long[] usedAt) {
        long bytes() {
            return original.length + compressed.length;
        }
    }

    private final long maxBytes;
    /** Most recently used first; a handful at most (each is at least the compression threshold). */
    private final List<Entry> entries = new ArrayList<>(4);
    private long bytes;

    /** @param maxBytes originals and compressed forms kept at most; 0 keeps nothing */
    RecentDeflates(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The compressed form of {@code original} if it was compressed here recently, else null. */
    byte[] find(byte[] original, long now) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (now - entry.usedAt()[0] > IDLE_NANOS) {
                dropFrom(i);
                return null;
            }
            if (entry.original().length == original.length && Arrays.equals(entry.original(), original)) {
                entry.usedAt()[0] = now;
                if (i > 0) {
                    entries.remove(i);
                    entries.add(0, entry);
                }
                return entry.compressed();
            }
        }
        return null;
    }

    /** Keeps {@code compressed} as the form of {@code original} (neither is changed afterwards). */
    void remember(byte[] original, byte[] compressed, long now) {
        Entry entry = new Entry(original, compressed, new long[] {now});
        if (entry.bytes() > maxBytes) {
            return;
        }
        entries.add(0, entry);
        bytes += entry.bytes();
        while (bytes > maxBytes) {
            bytes -= entries.remove(entries.size() - 1).bytes();
        }
    }

    /** Bytes kept (for tests). */
    long bytes() {
        return bytes;
    }

    /** Entries are ordered by use: from an idle one on, all are idle. */
    private void dropFrom(int index) {
        while (entries.size() > index) {
            bytes -= entries.remove(entries.size() - 1).bytes();
        }
    }
}
