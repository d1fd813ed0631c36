package dev.skein.loadtool.text;

import dev.skein.ycrdt.id.Id;
import java.util.Arrays;
import java.util.Locale;

/**
 * One writer's text: a root text type that only this writer appends to, one fixed-width piece
 * per update. Because no one else edits it, the text every reader should end with is simply the
 * pieces in clock order, and the update a received item belongs to is its clock divided by the
 * piece width; that is what makes loss, duplicates and convergence checkable without a document.
 *
 * <p>Also records when each update was handed to the socket, for delivery latency. Methods that
 * produce updates are called from one pacing thread at a time; send times are read by readers on
 * other threads after the update's bytes went through the server, which orders the accesses.
 */
public final class WriterChain {

    /** Characters per update: an index in base 36, zero-padded, and a space. */
    public static final int PIECE_WIDTH = 8;

    private final long client;
    private final String root;
    private final int capacity;
    private final long[] sentNanos;
    private final StringBuilder text;
    private volatile int sent;

    /**
     * @param client the Yjs client id of the writer
     * @param root the root type's name (unique per writer of a document)
     * @param capacity the most updates this writer may send
     */
    public WriterChain(long client, String root, int capacity) {
        this.client = client;
        this.root = root;
        this.capacity = capacity;
        this.sentNanos = new long[capacity];
        this.text = new StringBuilder(Math.min(capacity, 1 << 16) * PIECE_WIDTH);
    }

    /** The text of update {@code index}. */
    public static String piece(int index) {
        String digits = Integer.toString(index, 36).toUpperCase(Locale.ROOT);
        char[] out = new char[PIECE_WIDTH];
        Arrays.fill(out, '0');
        digits.getChars(0, digits.length(), out, PIECE_WIDTH - 1 - digits.length());
        out[PIECE_WIDTH - 1] = ' ';
        return new String(out);
    }

    /** Whether another update may be produced. */
    public boolean hasCapacity() {
        return sent < capacity;
    }

    /**
     * The next update (an append at the end of this writer's text), with its send time taken
     * now; the caller hands it to the socket right away.
     */
    public synchronized byte[] next() {
        int index = sent;
        if (index >= capacity) {
            throw new IllegalStateException("writer " + client + " is full (" + capacity + " updates)");
        }
        long clock = (long) index * PIECE_WIDTH;
        Id origin = index == 0 ? null : new Id(client, clock - 1);
        String piece = piece(index);
        byte[] update = TextUpdates.insert(client, clock, origin, null, root, piece);
        text.append(piece);
        sentNanos[index] = System.nanoTime();
        sent = index + 1;
        return update;
    }

    /** The writer's Yjs client id. */
    public long client() {
        return client;
    }

    /** Updates produced so far. */
    public int sent() {
        return sent;
    }

    /** When update {@code index} was produced (System.nanoTime), 0 if not yet. */
    public long sentNanos(int index) {
        return index < capacity ? sentNanos[index] : 0;
    }

    /** The text of every update produced so far, in order. */
    public synchronized String text() {
        return text.toString();
    }
}
