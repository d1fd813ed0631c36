package dev.skein.storage.history;

import dev.skein.storage.format.CorruptObjectException;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads of version and changes objects (behind the object header of
 * {@link dev.skein.storage.format.ObjectFormat}), in lib0 encoding:
 *
 * <pre>
 * changes:  varuint authors, then per author (sorted by principal):
 *             varstring principal, id set inserted, id set deleted
 *           id set: varuint clients, per client (descending): varuint client, varuint ranges,
 *                   per range varuint clock, varuint length (a Yjs v1 delete set)
 * version:  varuint time (epoch ms), varuint trigger (0 idle, 1 interval, 2 request),
 *           varstring label, varstring labelledBy,
 *           state vector (varuint clients, per client varuint client, varuint clock),
 *           changes
 * </pre>
 */
public final class HistoryCodec {

    private HistoryCodec() {
    }

    /** The payload of a changes object. */
    public static byte[] encodeChanges(ChangeSet changes) {
        ByteWriter out = new ByteWriter();
        writeChanges(out, changes);
        return out.toByteArray();
    }

    /**
     * Reads the payload of a changes object.
     *
     * @throws CorruptObjectException if it is not one
     */
    public static ChangeSet decodeChanges(byte[] payload) {
        try {
            ByteReader in = new ByteReader(payload);
            ChangeSet changes = readChanges(in);
            requireEnd(in);
            return changes;
        } catch (RuntimeException e) {
            throw corrupt("changes", e);
        }
    }

    /** The payload of a version object. */
    public static byte[] encodeVersion(VersionRecord version) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(version.time());
        out.writeVarUint(version.trigger().code());
        out.writeVarString(version.label());
        out.writeVarString(version.labelledBy());
        out.writeBytes(version.stateVector().encode());
        writeChanges(out, version.changes());
        return out.toByteArray();
    }

    /**
     * Reads the payload of a version object.
     *
     * @throws CorruptObjectException if it is not one
     */
    public static VersionRecord decodeVersion(byte[] payload) {
        try {
            ByteReader in = new ByteReader(payload);
            long time = in.readVarUint();
            Trigger trigger = Trigger.fromCode(in.readVarUint());
            String label = in.readVarString();
            String labelledBy = in.readVarString();
            long clients = in.readVarUint();
            if (clients > in.remaining()) {
                throw new IllegalArgumentException("state vector claims " + clients + " clients");
            }
            Map<Long, Long> clocks = new LinkedHashMap<>();
            for (long i = 0; i < clients; i++) {
                clocks.put(in.readVarUint(), in.readVarUint());
            }
            ChangeSet changes = readChanges(in);
            requireEnd(in);
            return new VersionRecord(time, trigger, label, labelledBy, new StateVector(clocks), changes);
        } catch (RuntimeException e) {
            throw corrupt("version", e);
        }
    }

    private static void writeChanges(ByteWriter out, ChangeSet changes) {
        List<AuthorChanges> authors = new ArrayList<>(changes.byAuthor().values());
        authors.sort((a, b) -> a.principal().compareTo(b.principal()));
        out.writeVarUint(authors.size());
        for (AuthorChanges author : authors) {
            out.writeVarString(author.principal());
            IdSets.write(out, author.inserted());
            IdSets.write(out, author.deleted());
        }
    }

    private static ChangeSet readChanges(ByteReader in) {
        long authors = in.readVarUint();
        if (authors > in.remaining()) {
            throw new IllegalArgumentException("changes claim " + authors + " authors");
        }
        ChangeSet changes = new ChangeSet();
        for (long i = 0; i < authors; i++) {
            String principal = in.readVarString();
            changes.add(new AuthorChanges(principal, IdSets.read(in), IdSets.read(in)));
        }
        return changes;
    }

    private static void requireEnd(ByteReader in) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the record");
        }
    }

    private static CorruptObjectException corrupt(String what, RuntimeException cause) {
        CorruptObjectException e = new CorruptObjectException("not a " + what + " record: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
