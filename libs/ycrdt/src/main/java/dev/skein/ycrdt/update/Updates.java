package dev.skein.ycrdt.update;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document-free update algebra of Yjs: merge, diff, state vectors, format conversion. Each
 * method returns the bytes the Yjs function of the same name returns for the same input; malformed
 * input throws {@link dev.skein.ycrdt.YDecodingException}.
 */
public final class Updates {

    private Updates() {
    }

    /** {@code Y.mergeUpdates}: one v1 update holding everything the inputs hold. */
    public static byte[] mergeUpdates(List<byte[]> updates) {
        return UpdateMerger.merge(updates, UpdateFormat.V1);
    }

    /** {@code Y.mergeUpdatesV2}. */
    public static byte[] mergeUpdatesV2(List<byte[]> updates) {
        return UpdateMerger.merge(updates, UpdateFormat.V2);
    }

    /** Merge in either format. */
    public static byte[] merge(List<byte[]> updates, UpdateFormat format) {
        return UpdateMerger.merge(updates, format);
    }

    /** {@code Y.diffUpdate}: what {@code update} holds beyond {@code stateVector}, plus its delete set. */
    public static byte[] diffUpdate(byte[] update, byte[] stateVector) {
        return diff(update, stateVector, UpdateFormat.V1);
    }

    /** {@code Y.diffUpdateV2}. */
    public static byte[] diffUpdateV2(byte[] update, byte[] stateVector) {
        return diff(update, stateVector, UpdateFormat.V2);
    }

    /** Diff in either format. */
    public static byte[] diff(byte[] update, byte[] stateVector, UpdateFormat format) {
        StateVector sv = StateVector.decode(stateVector);
        UpdateEncoder encoder = format.newEncoder();
        StructWriter writer = new StructWriter(encoder);
        UpdateDecoder decoder = format.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        while (reader.current() != null) {
            Struct curr = reader.current();
            long client = curr.client();
            long svClock = sv.get(client);
            if (curr instanceof Skip) {
                reader.next(); // the first struct written for a client must not be a skip
                continue;
            }
            if (curr.end() > svClock) {
                writer.write(curr, Math.max(svClock - curr.clock(), 0));
                reader.next();
                while (reader.current() != null && reader.current().client() == client) {
                    writer.write(reader.current(), 0);
                    reader.next();
                }
            } else {
                while (reader.current() != null && reader.current().client() == client
                        && reader.current().end() <= svClock) {
                    reader.next();
                }
            }
        }
        writer.finish();
        DeleteSet.read(decoder).write(encoder);
        return encoder.toByteArray();
    }

    /** {@code Y.encodeStateVectorFromUpdate}. */
    public static byte[] encodeStateVectorFromUpdate(byte[] update) {
        return stateVectorFromUpdate(update, UpdateFormat.V1);
    }

    /** {@code Y.encodeStateVectorFromUpdateV2}. */
    public static byte[] encodeStateVectorFromUpdateV2(byte[] update) {
        return stateVectorFromUpdate(update, UpdateFormat.V2);
    }

    /**
     * The state vector an update implies. As in Yjs, a client counts only if its structs in the
     * update start at clock 0, and only up to its first skip.
     */
    public static byte[] stateVectorFromUpdate(byte[] update, UpdateFormat format) {
        StructReader reader = new StructReader(format.newDecoder(update), false, update.length);
        Struct curr = reader.current();
        ByteWriter body = new ByteWriter();
        long size = 0;
        if (curr != null) {
            long currClient = curr.client();
            boolean stopCounting = curr.clock() != 0;
            long currClock = stopCounting ? 0 : curr.end();
            for (; curr != null; curr = reader.next()) {
                if (currClient != curr.client()) {
                    if (currClock != 0) {
                        size++;
                        body.writeVarUint(currClient);
                        body.writeVarUint(currClock);
                    }
                    currClient = curr.client();
                    currClock = 0;
                    stopCounting = curr.clock() != 0;
                }
                if (curr instanceof Skip) {
                    stopCounting = true;
                }
                if (!stopCounting) {
                    currClock = curr.end();
                }
            }
            if (currClock != 0) {
                size++;
                body.writeVarUint(currClient);
                body.writeVarUint(currClock);
            }
        }
        ByteWriter out = new ByteWriter(body.size() + 4);
        out.writeVarUint(size);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** {@code Y.parseUpdateMeta}. */
    public static UpdateMeta parseUpdateMeta(byte[] update) {
        return parseMeta(update, UpdateFormat.V1);
    }

    /** {@code Y.parseUpdateMetaV2}. */
    public static UpdateMeta parseUpdateMetaV2(byte[] update) {
        return parseMeta(update, UpdateFormat.V2);
    }

    /** Meta in either format. */
    public static UpdateMeta parseMeta(byte[] update, UpdateFormat format) {
        Map<Long, Long> from = new LinkedHashMap<>();
        Map<Long, Long> to = new LinkedHashMap<>();
        StructReader reader = new StructReader(format.newDecoder(update), false, update.length);
        Struct curr = reader.current();
        if (curr != null) {
            long currClient = curr.client();
            long currClock = curr.clock();
            from.put(currClient, currClock);
            for (; curr != null; curr = reader.next()) {
                if (currClient != curr.client()) {
                    to.put(currClient, currClock);
                    from.put(curr.client(), curr.clock());
                    currClient = curr.client();
                }
                currClock = curr.end();
            }
            to.put(currClient, currClock);
        }
        return new UpdateMeta(from, to);
    }

    /** {@code Y.convertUpdateFormatV1ToV2}. */
    public static byte[] convertUpdateFormatV1ToV2(byte[] update) {
        return convert(update, UpdateFormat.V1, UpdateFormat.V2);
    }

    /** {@code Y.convertUpdateFormatV2ToV1}. */
    public static byte[] convertUpdateFormatV2ToV1(byte[] update) {
        return convert(update, UpdateFormat.V2, UpdateFormat.V1);
    }

    /** Re-encodes an update from one format into another (or the same, normalising it). */
    public static byte[] convert(byte[] update, UpdateFormat from, UpdateFormat to) {
        UpdateDecoder decoder = from.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        UpdateEncoder encoder = to.newEncoder();
        StructWriter writer = new StructWriter(encoder);
        for (Struct s = reader.current(); s != null; s = reader.next()) {
            writer.write(s, 0);
        }
        writer.finish();
        DeleteSet.read(decoder).write(encoder);
        return encoder.toByteArray();
    }

    /** Decodes every struct and the delete set; throws on any malformation. */
    public static DecodedUpdate decode(byte[] update, UpdateFormat format) {
        UpdateDecoder decoder = format.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        List<Struct> structs = new ArrayList<>();
        for (Struct s = reader.current(); s != null; s = reader.next()) {
            structs.add(s);
        }
        return new DecodedUpdate(structs, DeleteSet.read(decoder));
    }

    /**
     * Checks that {@code update} is a well-formed v1 update (every struct, content and the delete
     * set decode); throws {@link dev.skein.ycrdt.YDecodingException} otherwise.
     */
    public static void validateUpdate(byte[] update) {
        validate(update, UpdateFormat.V1);
    }

    /** {@link #validateUpdate} for either format. */
    public static void validate(byte[] update, UpdateFormat format) {
        UpdateDecoder decoder = format.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        while (reader.current() != null) {
            reader.next();
        }
        DeleteSet.read(decoder);
    }

    /** An update's structs in order and its delete set. */
    public record DecodedUpdate(List<Struct> structs, DeleteSet deleteSet) {
    }
}
