package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Item;
import java.util.List;

/**
 * A remembered (item, index) pair that lets index lookups in long lists start nearby instead of
 * at the first item (Yjs's {@code ArraySearchMarker}). Where a lookup starts decides which of
 * several equivalent positions an insertion takes, and so the bytes it emits: the rules here are
 * Yjs's, to the letter (at most 80 markers, nearest wins, ties to the later one, the oldest is
 * reused).
 */
final class ArraySearchMarker {

    static final int MAX_SEARCH_MARKER = 80;

    Item p;
    long index;
    long timestamp;

    private ArraySearchMarker(Item p, long index, long timestamp) {
        p.setMarker(true);
        this.p = p;
        this.index = index;
        this.timestamp = timestamp;
    }

    private static void overwrite(AbstractType<?> type, ArraySearchMarker marker, Item p, long index) {
        marker.p.setMarker(false);
        marker.p = p;
        p.setMarker(true);
        marker.index = index;
        marker.timestamp = type.doc().nextMarkerTimestamp();
    }

    private static ArraySearchMarker markPosition(AbstractType<?> type, List<ArraySearchMarker> markers, Item p, long index) {
        if (markers.size() >= MAX_SEARCH_MARKER) {
            ArraySearchMarker oldest = markers.get(0);
            for (int i = 1; i < markers.size(); i++) {
                ArraySearchMarker b = markers.get(i);
                oldest = oldest.timestamp < b.timestamp ? oldest : b;
            }
            overwrite(type, oldest, p, index);
            return oldest;
        }
        ArraySearchMarker pm = new ArraySearchMarker(p, index, type.doc().nextMarkerTimestamp());
        markers.add(pm);
        return pm;
    }

    /** A marker at or before {@code index} to start a lookup from, or null (Yjs's {@code findMarker}). */
    static ArraySearchMarker find(AbstractType<?> yarray, long index) {
        List<ArraySearchMarker> markers = yarray.searchMarker;
        if (yarray.start() == null || index == 0 || markers == null) {
            return null;
        }
        ArraySearchMarker marker = null;
        if (!markers.isEmpty()) {
            marker = markers.get(0);
            for (int i = 1; i < markers.size(); i++) {
                ArraySearchMarker b = markers.get(i);
                marker = Math.abs(index - marker.index) < Math.abs(index - b.index) ? marker : b;
            }
        }
        Item p = yarray.start();
        long pindex = 0;
        if (marker != null) {
            p = marker.p;
            pindex = marker.index;
            marker.timestamp = yarray.doc().nextMarkerTimestamp();
        }
        while (p.right() != null && pindex < index) {
            if (!p.isDeleted() && p.isCountable()) {
                if (index < pindex + p.length()) {
                    break;
                }
                pindex += p.length();
            }
            p = p.right();
        }
        while (p.left() != null && pindex > index) {
            p = p.left();
            if (!p.isDeleted() && p.isCountable()) {
                pindex -= p.length();
            }
        }
        // never point at an item its left neighbour could be joined with: the join would lose it
        while (p.left() != null && p.left().client() == p.client() && p.left().clock() + p.left().length() == p.clock()) {
            p = p.left();
            if (!p.isDeleted() && p.isCountable()) {
                pindex -= p.length();
            }
        }
        if (marker != null && Math.abs(marker.index - pindex) < (double) p.parent().rawLength() / MAX_SEARCH_MARKER) {
            overwrite(yarray, marker, p, pindex);
            return marker;
        }
        return markPosition(yarray, markers, p, pindex);
    }

    /** Moves markers after a change at {@code index} of {@code len} (negative: deletion). */
    static void updateMarkerChanges(List<ArraySearchMarker> markers, long index, long len) {
        for (int i = markers.size() - 1; i >= 0; i--) {
            ArraySearchMarker m = markers.get(i);
            if (len > 0) {
                Item p = m.p;
                p.setMarker(false);
                // move to the previous visible position, so that the comparison below is meaningful
                while (p != null && (p.isDeleted() || !p.isCountable())) {
                    p = p.left();
                    if (p != null && !p.isDeleted() && p.isCountable()) {
                        m.index -= p.length();
                    }
                }
                if (p == null || p.isMarker()) {
                    markers.remove(i);
                    continue;
                }
                m.p = p;
                p.setMarker(true);
            }
            if (index < m.index || (len > 0 && index == m.index)) {
                m.index = Math.max(index, m.index + len);
            }
        }
    }

    /** After {@code left} absorbed {@code right}: markers at {@code right} move to {@code left}. */
    static void itemMerged(List<ArraySearchMarker> markers, Item left, Item right) {
        for (ArraySearchMarker marker : markers) {
            if (marker.p == right) {
                marker.p = left;
                if (!left.isDeleted() && left.isCountable()) {
                    marker.index -= left.length();
                }
            }
        }
    }
}
