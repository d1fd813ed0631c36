package dev.skein.ycrdt.update;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.lib0.Json;

/** Update format v1: every field a lib0 primitive, in one byte stream. */
public final class UpdateEncoderV1 implements UpdateEncoder {

    private ByteWriter rest;

    /** An encoder for an update of typical size. */
    public UpdateEncoderV1() {
        this(256);
    }

    /** An encoder whose buffer starts at {@code initialCapacity} bytes (a keystroke's update is tiny). */
    public UpdateEncoderV1(int initialCapacity) {
        rest = new ByteWriter(initialCapacity);
    }

    @Override
    public ByteWriter rest() {
        return rest;
    }

    @Override
    public void rest(ByteWriter w) {
        rest = w;
    }

    @Override
    public void writeLeftId(long client, long clock) {
        rest.writeVarUint(client);
        rest.writeVarUint(clock);
    }

    @Override
    public void writeRightId(long client, long clock) {
        rest.writeVarUint(client);
        rest.writeVarUint(clock);
    }

    @Override
    public void writeClient(long client) {
        rest.writeVarUint(client);
    }

    @Override
    public void writeInfo(int info) {
        rest.writeUint8(info);
    }

    @Override
    public void writeString(String s) {
        rest.writeVarString(s);
    }

    @Override
    public void writeParentInfo(boolean isRootKey) {
        rest.writeVarUint(isRootKey ? 1 : 0);
    }

    @Override
    public void writeTypeRef(int ref) {
        rest.writeVarUint(ref);
    }

    @Override
    public void writeLen(long len) {
        rest.writeVarUint(len);
    }

    @Override
    public void writeAny(Object value) {
        Any.write(rest, value);
    }

    @Override
    public void writeBuf(byte[] buf) {
        rest.writeVarBytes(buf);
    }

    @Override
    public void writeJson(Object value) {
        String s = Json.stringify(value);
        // JSON.stringify(undefined) is undefined, which lib0 would write as the string "undefined"
        rest.writeVarString(s == null ? "undefined" : s);
    }

    @Override
    public void writeKey(String key) {
        rest.writeVarString(key);
    }

    @Override
    public void resetDsCurVal() {
        // v1 writes absolute clocks
    }

    @Override
    public void writeDsClock(long clock) {
        rest.writeVarUint(clock);
    }

    @Override
    public void writeDsLen(long len) {
        rest.writeVarUint(len);
    }

    @Override
    public byte[] toByteArray() {
        return rest.toByteArray();
    }

    @Override
    public UpdateFormat format() {
        return UpdateFormat.V1;
    }
}
