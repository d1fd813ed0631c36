package dev.skein.ycrdt.update;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.struct.ContentDeleted;
import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.ContentType;
import dev.skein.ycrdt.struct.Gc;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Document-free compaction: makes a (merged) update about as small as a document's own state
 * without building a document.
 *
 * <ul>
 *   <li>items are split where the delete set starts or ends inside them;</li>
 *   <li>deleted items lose their content (a deleted-content marker of the same length remains),
 *       except type and subdocument items, which their children refer to;</li>
 *   <li>an item joins the previous one when it is the same client's next id, was typed right
 *       after it (its origin is the previous item's last id), has the same right origin, no map
 *       key, the same deleted state and content of the same joinable kind — as a Yjs document joins
 *       such runs itself;</li>
 *   <li>adjacent garbage-collected ranges join.</li>
 * </ul>
 *
 * The delete set is written unchanged. The result loads into a Yjs document that equals one loaded
 * from the input, up to how items are split.
 *
 * <p>The variants taking a {@code collectable} delete set drop content only where the update's
 * deletions and {@code collectable} overlap: content deleted elsewhere is kept, so a document with
 * garbage collection off can still show it as of a snapshot taken before it was deleted (version
 * history keeps content up to its oldest version this way).
 */
public final class Compaction {

    private Compaction() {
    }

    /** Compacts one v1 update. */
    public static byte[] compact(byte[] update) {
        return compact(update, UpdateFormat.V1);
    }

    /** Compacts one update of the given format. */
    public static byte[] compact(byte[] update, UpdateFormat format) {
        Updates.DecodedUpdate decoded = Updates.decode(update, format);
        return encode(decoded.structs(), decoded.deleteSet(), format);
    }

    /** Merges v1 updates and compacts the result in one pass (no intermediate encoding). */
    public static byte[] mergeAndCompact(List<byte[]> updates) {
        return mergeAndCompact(updates, UpdateFormat.V1);
    }

    /** Merges updates of the given format and compacts the result in one pass. */
    public static byte[] mergeAndCompact(List<byte[]> updates, UpdateFormat format) {
        List<Struct> structs = new ArrayList<>();
        DeleteSet ds;
        if (updates.size() == 1) {
            Updates.DecodedUpdate decoded = Updates.decode(updates.get(0), format);
            structs = decoded.structs();
            ds = decoded.deleteSet();
        } else {
            ds = UpdateMerger.mergeInto(updates, format, structs::add);
        }
        return encode(structs, ds, format);
    }

    /**
     * Merges v1 updates and compacts the result, dropping the content of deleted items only inside
     * {@code collectable} (an empty set keeps all deleted content; runs are joined either way).
     */
    public static byte[] mergeAndCompact(List<byte[]> updates, DeleteSet collectable) {
        return mergeAndCompact(updates, UpdateFormat.V1, collectable);
    }

    /** {@link #mergeAndCompact(List, DeleteSet)} for updates of the given format. */
    public static byte[] mergeAndCompact(List<byte[]> updates, UpdateFormat format, DeleteSet collectable) {
        List<Struct> structs = new ArrayList<>();
        DeleteSet ds;
        if (updates.size() == 1) {
            Updates.DecodedUpdate decoded = Updates.decode(updates.get(0), format);
            structs = decoded.structs();
            ds = decoded.deleteSet();
        } else {
            ds = UpdateMerger.mergeInto(updates, format, structs::add);
        }
        // content is dropped only where it is both deleted and collectable
        DeleteSet lookup = DeleteSet.intersection(sortedCopy(ds), sortedCopy(collectable));
        return encode(structs, ds, format, lookup);
    }

    private static byte[] encode(List<Struct> structs, DeleteSet ds, UpdateFormat format) {
        return encode(structs, ds, format, sortedCopy(ds));
    }

    private static byte[] encode(List<Struct> structs, DeleteSet ds, UpdateFormat format, DeleteSet lookup) {
        UpdateEncoder encoder = format.newEncoder();
        StructWriter writer = new StructWriter(encoder);
        Run run = null;
        for (Struct s : structs) {
            if (s instanceof Item item) {
                for (Item piece : splitAtDeletions(item, lookup)) {
                    run = appendOrFlush(run, piece, writer);
                }
            } else {
                run = appendOrFlush(run, s, writer);
            }
        }
        if (run != null) {
            run.writeTo(writer);
        }
        writer.finish();
        ds.write(encoder);
        return encoder.toByteArray();
    }

    /** Structs being joined into one: the first, and the items that follow it. */
    private static final class Run {
        final Struct head;
        final List<Item> following = new ArrayList<>();
        Struct last;
        long end;

        Run(Struct head) {
            this.head = head;
            this.last = head;
            this.end = head.end();
        }

        void add(Struct next) {
            if (head instanceof Gc) {
                head.mergeWith(next);
            } else {
                following.add((Item) next);
            }
            last = next;
            end = next.end();
        }

        void writeTo(StructWriter writer) {
            if (!following.isEmpty()) {
                ((Item) head).extend(following);
            }
            writer.write(head, 0);
        }
    }

    private static Run appendOrFlush(Run run, Struct next, StructWriter writer) {
        if (run != null && joins(run, next)) {
            run.add(next);
            return run;
        }
        if (run != null) {
            run.writeTo(writer);
        }
        return new Run(next);
    }

    private static boolean joins(Run run, Struct right) {
        Struct left = run.head;
        if (left.client() != right.client() || run.end != right.clock()) {
            return false;
        }
        if (left instanceof Gc && right instanceof Gc) {
            return true;
        }
        if (!(left instanceof Item l) || !(right instanceof Item r)) {
            return false;
        }
        Content lc = l.content();
        Content rc = r.content();
        if (lc.ref() != rc.ref() || !lc.joinable() || l.parentSub() != null || r.parentSub() != null) {
            return false;
        }
        if (r.origin() == null || r.origin().client() != l.client() || r.origin().clock() != run.end - 1
                || !Objects.equals(l.rightOrigin(), r.rightOrigin())) {
            return false;
        }
        if (rc instanceof ContentString rs) {
            // joining halves of a broken surrogate pair would change the text (two U+FFFD become one character)
            String a = ((ContentString) ((Item) run.last).content()).str();
            String b = rs.str();
            return !Character.isHighSurrogate(a.charAt(a.length() - 1)) && !Character.isLowSurrogate(b.charAt(0));
        }
        return true;
    }

    /** The item cut where deleted ranges begin or end, deleted parts without their content. */
    private static List<Item> splitAtDeletions(Item item, DeleteSet lookup) {
        DeleteSet.Ranges ranges = lookup.clients().get(item.client());
        if (ranges == null) {
            return List.of(item);
        }
        List<Item> out = new ArrayList<>(1);
        Item rest = item;
        int i = firstRangeEndingAfter(ranges, rest.clock());
        while (rest != null) {
            long start = rest.clock();
            long end = rest.end();
            if (i >= ranges.size() || ranges.clock(i) >= end) {
                out.add(rest);
                break;
            }
            long delStart = Math.max(ranges.clock(i), start);
            long delEnd = Math.min(ranges.clock(i) + ranges.len(i), end);
            if (delStart > start) {
                // a kept prefix; a surrogate pair cut by the boundary stays whole in the kept piece
                long k = keepSurrogatePair(rest, delStart - start, +1);
                if (k >= rest.length()) {
                    out.add(rest);
                    break;
                }
                Item right = rest.splitAt(k);
                out.add(rest);
                rest = right;
                continue;
            }
            if (delEnd < end) {
                long k = keepSurrogatePair(rest, delEnd - start, -1);
                i++;
                if (k == 0) {
                    continue; // the deleted prefix was half a pair: it keeps its content
                }
                Item right = rest.splitAt(k);
                out.add(withoutContent(rest));
                rest = right;
            } else {
                out.add(withoutContent(rest));
                rest = null;
            }
        }
        return out;
    }

    /**
     * Moves a split offset off the middle of a surrogate pair by {@code direction}: splitting a
     * pair would replace both halves by U+FFFD, which is what a document does when it applies the
     * deletion — but not yet while the item waits for missing dependencies, so compaction must not.
     */
    private static long keepSurrogatePair(Item item, long k, int direction) {
        if (item.content() instanceof ContentString cs && k > 0 && k < cs.length()) {
            String str = cs.str();
            int at = (int) k;
            if (Character.isHighSurrogate(str.charAt(at - 1)) && Character.isLowSurrogate(str.charAt(at))) {
                return k + direction;
            }
        }
        return k;
    }

    private static Item withoutContent(Item deleted) {
        Content c = deleted.content();
        if (c instanceof ContentType || c.ref() == Content.REF_DOC || c instanceof ContentDeleted) {
            return deleted;
        }
        deleted.replaceContent(new ContentDeleted(deleted.length()));
        return deleted;
    }

    private static int firstRangeEndingAfter(DeleteSet.Ranges r, long clock) {
        int lo = 0;
        int hi = r.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.clock(mid) + r.len(mid) <= clock) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static DeleteSet sortedCopy(DeleteSet ds) {
        DeleteSet copy = new DeleteSet();
        ds.clients().forEach((client, ranges) -> {
            for (int i = 0; i < ranges.size(); i++) {
                copy.add(client, ranges.clock(i), ranges.len(i));
            }
        });
        copy.sortAndMerge();
        return copy;
    }
}
