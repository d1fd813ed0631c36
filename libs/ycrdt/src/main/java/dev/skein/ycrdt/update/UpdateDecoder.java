package dev.skein.ycrdt.update;

import dev.skein.ycrdt.lib0.ByteReader;

/** The field layer of a Yjs update reader; see {@link UpdateEncoder}. */
public interface UpdateDecoder {

    ByteReader rest();

    long readLeftClient();

    long readLeftClock();

    long readRightClient();

    long readRightClock();

    long readClient();

    int readInfo();

    String readString();

    boolean readParentInfo();

    int readTypeRef();

    long readLen();

    Object readAny();

    byte[] readBuf();

    /** A JSON value: JSON text in v1, an {@code Any} in v2. */
    Object readJson();

    String readKey();

    void resetDsCurVal();

    long readDsClock();

    long readDsLen();

    UpdateFormat format();
}
