package dev.skein.loadtool.text;

import java.util.Arrays;
import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * What one reader has received of one {@link WriterChain}: the characters by clock, which
 * updates arrived, how many arrived more than once, and the delivery latency of each live one.
 * Fed from the reader connection's callback thread; read by the scenario after delivery ended.
 */
public final class ChainCopy {

    private final WriterChain chain;
    private final BitSet received = new BitSet();
    private char[] chars = new char[256];
    private int length;
    private int duplicates;

    ChainCopy(WriterChain chain) {
        this.chain = chain;
    }

    /**
     * Takes in {@code content} at {@code clock}.
     *
     * @param latency where live deliveries' latencies go (microseconds), or null for sync replies
     */
    synchronized void accept(long clock, String content, long arrivalNanos, Histogram latency) {
        int start = (int) clock;
        int end = start + content.length();
        if (end > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(end, chars.length * 2));
        }
        content.getChars(0, content.length(), chars, start);
        length = Math.max(length, end);
        int first = start / WriterChain.PIECE_WIDTH;
        int last = (end - 1) / WriterChain.PIECE_WIDTH;
        for (int index = first; index <= last; index++) {
            if (received.get(index)) {
                duplicates++;
                continue;
            }
            received.set(index);
            long sent = chain.sentNanos(index);
            if (latency != null && sent != 0) {
                synchronized (latency) {
                    latency.recordValue(Math.max(0, (arrivalNanos - sent) / 1_000));
                }
            }
        }
    }

    /** Distinct updates received. */
    public synchronized int receivedCount() {
        return received.cardinality();
    }

    /** Whether update {@code index} was received. */
    public synchronized boolean has(int index) {
        return received.get(index);
    }

    /** Updates received more than once. */
    public synchronized int duplicates() {
        return duplicates;
    }

    /** Of the first {@code count} updates, how many never arrived. */
    public synchronized int missingOf(int count) {
        return count - received.get(0, count).cardinality();
    }

    /** The received text (clock order; a gap shows as NUL characters). */
    public synchronized String text() {
        return new String(chars, 0, length);
    }

    /** The chain this is a copy of. */
    public WriterChain chain() {
        return chain;
    }
}
