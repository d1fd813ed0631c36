package dev.skein.loadtool.docapi;

import dev.skein.ycrdt.doc.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a connected client received of a document, kept as raw updates while they arrive (so the
 * socket thread only queues them) and turned into a Yjs document's text when asked.
 */
public final class TextReplica {

    private final ConcurrentLinkedQueue<byte[]> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastArrival = new AtomicLong(System.nanoTime());
    private final Doc doc = new Doc();

    /** Keeps one received update (sync answer or broadcast). */
    public void add(byte[] update, long arrivalNanos) {
        received.add(update);
        lastArrival.set(arrivalNanos);
    }

    /** When the last update arrived (System.nanoTime). */
    public long lastArrivalNanos() {
        return lastArrival.get();
    }

    /** Applies what arrived since the last call and returns the root's text. */
    public String text(String root) {
        List<byte[]> pending = new ArrayList<>();
        for (byte[] u = received.poll(); u != null; u = received.poll()) {
            pending.add(u);
        }
        pending.forEach(doc::applyUpdate);
        return doc.getText(root).toString();
    }
}
