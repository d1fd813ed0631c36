package dev.skein.ycrdt.update;

import dev.skein.ycrdt.lib0.ByteWriter;

/**
 * The field layer of a Yjs update writer: one implementation per format (v1, v2), mirroring
 * Yjs's {@code UpdateEncoderV1/V2}. Struct writing code is format-agnostic above this.
 */
public interface UpdateEncoder {

    /** The unstructured part of the update; v1 writes everything here, v2 only what has no column. */
    ByteWriter rest();

    /** Replaces the rest buffer (the lazy struct writer fragments it per client). */
    void rest(ByteWriter w);

    void writeLeftId(long client, long clock);

    void writeRightId(long client, long clock);

    void writeClient(long client);

    void writeInfo(int info);

    void writeString(String s);

    void writeParentInfo(boolean isRootKey);

    void writeTypeRef(int ref);

    void writeLen(long len);

    void writeAny(Object value);

    void writeBuf(byte[] buf);

    /** A JSON value: JSON text in v1, an {@code Any} in v2. */
    void writeJson(Object value);

    void writeKey(String key);

    void resetDsCurVal();

    void writeDsClock(long clock);

    void writeDsLen(long len);

    /** The complete update. */
    byte[] toByteArray();

    /** Which format this encoder writes. */
    UpdateFormat format();
}
