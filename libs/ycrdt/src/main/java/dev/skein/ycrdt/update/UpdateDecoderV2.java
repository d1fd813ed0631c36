package dev.skein.ycrdt.update;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.IntDiffOptRleDecoder;
import dev.skein.ycrdt.lib0.RleByteDecoder;
import dev.skein.ycrdt.lib0.StringDecoder;
import dev.skein.ycrdt.lib0.UintOptRleDecoder;
import java.util.ArrayList;
import java.util.List;

/** Reads update format v2 (see {@link UpdateEncoderV2} for the layout). */
public final class UpdateDecoderV2 implements UpdateDecoder {

    private final ByteReader rest;
    private long dsCurrVal;
    private final List<String> keys = new ArrayList<>();
    private final IntDiffOptRleDecoder keyClockDecoder;
    private final UintOptRleDecoder clientDecoder;
    private final IntDiffOptRleDecoder leftClockDecoder;
    private final IntDiffOptRleDecoder rightClockDecoder;
    private final RleByteDecoder infoDecoder;
    private final StringDecoder stringDecoder;
    private final RleByteDecoder parentInfoDecoder;
    private final UintOptRleDecoder typeRefDecoder;
    private final UintOptRleDecoder lenDecoder;

    public UpdateDecoderV2(byte[] update) {
        ByteReader r = new ByteReader(update);
        r.readVarUint(); // feature flag, unused by every Yjs version so far
        keyClockDecoder = new IntDiffOptRleDecoder(r.readVarBytes());
        clientDecoder = new UintOptRleDecoder(r.readVarBytes());
        leftClockDecoder = new IntDiffOptRleDecoder(r.readVarBytes());
        rightClockDecoder = new IntDiffOptRleDecoder(r.readVarBytes());
        infoDecoder = new RleByteDecoder(r.readVarBytes());
        stringDecoder = new StringDecoder(r.readVarBytes());
        parentInfoDecoder = new RleByteDecoder(r.readVarBytes());
        typeRefDecoder = new UintOptRleDecoder(r.readVarBytes());
        lenDecoder = new UintOptRleDecoder(r.readVarBytes());
        rest = new ByteReader(update, r.position(), r.remaining());
    }

    @Override
    public ByteReader rest() {
        return rest;
    }

    @Override
    public long readLeftClient() {
        return clientDecoder.read();
    }

    @Override
    public long readLeftClock() {
        return nonNegative(leftClockDecoder.read());
    }

    @Override
    public long readRightClient() {
        return clientDecoder.read();
    }

    @Override
    public long readRightClock() {
        return nonNegative(rightClockDecoder.read());
    }

    private static long nonNegative(long v) {
        if (v < 0) {
            throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, -1, "negative clock");
        }
        return v;
    }

    @Override
    public long readClient() {
        return clientDecoder.read();
    }

    @Override
    public int readInfo() {
        return infoDecoder.read();
    }

    @Override
    public String readString() {
        return stringDecoder.read();
    }

    @Override
    public boolean readParentInfo() {
        return parentInfoDecoder.read() == 1;
    }

    @Override
    public int readTypeRef() {
        return (int) Math.min(typeRefDecoder.read(), Integer.MAX_VALUE);
    }

    @Override
    public long readLen() {
        return lenDecoder.read();
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
        return Any.read(rest);
    }

    @Override
    public String readKey() {
        long keyClock = keyClockDecoder.read();
        if (keyClock >= 0 && keyClock < keys.size()) {
            return keys.get((int) keyClock);
        }
        String key = stringDecoder.read();
        keys.add(key);
        return key;
    }

    @Override
    public void resetDsCurVal() {
        dsCurrVal = 0;
    }

    @Override
    public long readDsClock() {
        dsCurrVal += rest.readVarUint();
        return dsCurrVal;
    }

    @Override
    public long readDsLen() {
        long diff = rest.readVarUint() + 1;
        dsCurrVal += diff;
        return diff;
    }

    @Override
    public UpdateFormat format() {
        return UpdateFormat.V2;
    }
}
