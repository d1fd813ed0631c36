package dev.skein.storage.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The byte layout of a stored object, big-endian:
 *
 * <pre>
 * offset size field
 *  0      4   magic "SKYO"
 *  4      1   format version ({@value #VERSION})
 *  5      1   kind (1 batch, 2 snapshot, 3 version, 4 changes)
 *  6      1   encoding (1 Yjs v1, 2 Yjs v2; of the update, or of a version's or changes' id sets)
 *  7      1   reserved, 0
 *  8      4   partition
 * 12      8   first offset covered
 * 20      8   last offset covered
 * 28      4   payload length
 * 32      4   CRC-32 of the payload
 * 36      …   payload: one Yjs update (batch, snapshot), or a history record (version, changes:
 *             see {@code dev.skein.storage.history.HistoryCodec})
 * </pre>
 *
 * The version is checked before anything else after the magic, so a later version may change
 * every field behind it. The checksum catches truncated or damaged objects, which S3 would
 * otherwise hand back without complaint.
 */
public final class ObjectFormat {

    /** The format version this code writes and the only one it reads. */
    public static final int VERSION = 1;

    /** Size of the header in bytes. */
    public static final int HEADER_BYTES = 36;

    static final byte[] MAGIC = "SKYO".getBytes(StandardCharsets.US_ASCII);

    private ObjectFormat() {
    }

    /** Encodes a header and its payload into one object. */
    public static byte[] encode(ObjectHeader header, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        out.put(MAGIC);
        out.put((byte) VERSION);
        out.put((byte) header.kind().code());
        out.put((byte) header.encoding().code());
        out.put((byte) 0);
        out.putInt(header.partition());
        out.putLong(header.fromOffset());
        out.putLong(header.toOffset());
        out.putInt(payload.length);
        out.putInt((int) crc(payload));
        out.put(payload);
        return out.array();
    }

    /**
     * Decodes an object.
     *
     * @throws UnsupportedObjectFormatException for a format version or encoding this reader does not know
     * @throws CorruptObjectException for anything that is not a whole, intact Skein object
     */
    public static DecodedObject decode(byte[] object) {
        if (object.length < MAGIC.length + 1 || !Arrays.equals(object, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptObjectException("not a Skein storage object (bad magic)");
        }
        ByteBuffer in = ByteBuffer.wrap(object);
        in.position(MAGIC.length);
        int version = Byte.toUnsignedInt(in.get());
        if (version != VERSION) {
            throw new UnsupportedObjectFormatException("object format version " + version
                + " is not supported: this reader supports version " + VERSION
                + " only (was the object written by a newer Skein?)");
        }
        if (object.length < HEADER_BYTES) {
            throw new CorruptObjectException("object truncated inside its header (" + object.length + " bytes)");
        }
        ObjectKind kind = ObjectKind.fromCode(Byte.toUnsignedInt(in.get()));
        UpdateEncoding encoding = UpdateEncoding.fromCode(Byte.toUnsignedInt(in.get()));
        in.get();
        int partition = in.getInt();
        long from = in.getLong();
        long to = in.getLong();
        int length = in.getInt();
        int checksum = in.getInt();
        if (length != object.length - HEADER_BYTES) {
            throw new CorruptObjectException("payload length " + length + " does not match the object's "
                + (object.length - HEADER_BYTES) + " bytes");
        }
        byte[] payload = Arrays.copyOfRange(object, HEADER_BYTES, object.length);
        if ((int) crc(payload) != checksum) {
            throw new CorruptObjectException("payload checksum mismatch");
        }
        ObjectHeader header;
        try {
            header = new ObjectHeader(kind, encoding, partition, from, to);
        } catch (IllegalArgumentException e) {
            throw new CorruptObjectException(e.getMessage());
        }
        return new DecodedObject(header, payload);
    }

    private static long crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return crc.getValue();
    }
}
