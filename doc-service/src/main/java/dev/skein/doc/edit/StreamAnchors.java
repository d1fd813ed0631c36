package dev.skein.doc.edit;

import dev.skein.ycrdt.doc.RelativePosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each text stream of a document goes on: the Yjs relative position right after the last
 * character it inserted, so that it stays put while people type elsewhere. Bounded: the least
 * recently used streams beyond {@code capacity} are forgotten (a later chunk of such a stream is
 * refused as an unknown stream unless it names a position again).
 */
public final class StreamAnchors {

    private final Map<String, RelativePosition> anchors;

    /** @param capacity most streams remembered */
    public StreamAnchors(int capacity) {
        this.anchors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RelativePosition> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The stream's anchor, or null. */
    public RelativePosition get(String stream) {
        return anchors.get(stream);
    }

    /** Moves the stream's anchor. */
    public void put(String stream, RelativePosition after) {
        anchors.put(stream, after);
    }

    /** Streams remembered. */
    public int size() {
        return anchors.size();
    }
}
