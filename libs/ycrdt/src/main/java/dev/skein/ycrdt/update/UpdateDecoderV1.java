package dev.skein.ycrdt.update;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.Json;

/** Reads update format v1. */
public final class UpdateDecoderV1 implements UpdateDecoder {

    private final ByteReader rest;

    public UpdateDecoderV1(byte[] update) {
        rest = new ByteReader(update);
    }

    @Override
    public ByteReader rest() {
        return rest;
    }

    @Override
    public long readLeftClient() {
        return rest.readVarUint();
    }

    @Override
    public long readLeftClock() {
        return rest.readVarUint();
    }

    @Override
    public long readRightClient() {
        return rest.readVarUint();
    }

    @Override
    public long readRightClock() {
        return rest.readVarUint();
    }

    @Override
    public long readClient() {
        return rest.readVarUint();
    }

    @Override
    public int readInfo() {
        return rest.readUint8();
    }

    @Override
    public String readString() {
        return rest.readVarString();
    }

    @Override
    public boolean readParentInfo() {
        return rest.readVarUint() == 1;
    }

    @Override
    public int readTypeRef() {
        return (int) Math.min(rest.readVarUint(), Integer.MAX_VALUE);
    }

    @Override
    public long readLen() {
        return rest.readVarUint();
    }

    @Override
    public Object readAny() {
        return Any.read(rest);
    }

    @Override
    public byte[] readBuf() {
        return rest.readVarBytes();
    }

    @Override
    public Object readJson() {
        return Json.parse(rest.readVarString());
    }

    @Override
    public String readKey() {
        return rest.readVarString();
    }

    @Override
    public void resetDsCurVal() {
        // v1 reads absolute clocks
    }

    @Override
    public long readDsClock() {
        return rest.readVarUint();
    }

    @Override
    public long readDsLen() {
        return rest.readVarUint();
    }

    @Override
    public UpdateFormat format() {
        return UpdateFormat.V1;
    }
}
