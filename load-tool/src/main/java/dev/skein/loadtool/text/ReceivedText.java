package dev.skein.loadtool.text;

import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * A reader's view of the writer chains of its document: decodes every update it receives and
 * sorts the text items into one {@link ChainCopy} per known writer. Items of other clients
 * (another run's writers on a reused document) are ignored.
 */
public final class ReceivedText {

    private final Map<Long, ChainCopy> copies = new ConcurrentHashMap<>();
    /** Microseconds, three significant digits, resized as needed. */
    private final Histogram latency = new Histogram(3);
    private volatile long lastArrivalNanos;

    /** Starts following {@code chain}. */
    public void follow(WriterChain chain) {
        copies.put(chain.client(), new ChainCopy(chain));
    }

    /**
     * Takes in one received update.
     *
     * @param live true for a broadcast update (its latency counts), false for a sync reply
     */
    public void accept(byte[] update, long arrivalNanos, boolean live) {
        Updates.DecodedUpdate decoded = Updates.decode(update, UpdateFormat.V1);
        synchronized (this) {
            if (live && (lastArrivalNanos == 0 || arrivalNanos - lastArrivalNanos > 0)) {
                lastArrivalNanos = arrivalNanos;
            }
        }
        for (Struct struct : decoded.structs()) {
            if (!(struct instanceof Item item) || !(item.content() instanceof ContentString content)) {
                continue;
            }
            ChainCopy copy = copies.get(item.client());
            if (copy == null) {
                continue;
            }
            copy.accept(item.clock(), content.str(), arrivalNanos, live ? latency : null);
        }
    }

    /** The copy of {@code chain}'s text. */
    public ChainCopy copyOf(WriterChain chain) {
        return copies.get(chain.client());
    }

    /** Every followed chain's copy. */
    public Collection<ChainCopy> copies() {
        return copies.values();
    }

    /** Live delivery latencies so far (a copy, in microseconds). */
    public Histogram latency() {
        synchronized (latency) {
            return latency.copy();
        }
    }

    /** Arrival time (System.nanoTime) of the latest live update, 0 before the first. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

}
