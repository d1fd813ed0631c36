package dev.skein.ycrdt.update;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.lib0.IntDiffOptRleEncoder;
import dev.skein.ycrdt.lib0.RleByteEncoder;
import dev.skein.ycrdt.lib0.StringEncoder;
import dev.skein.ycrdt.lib0.UintOptRleEncoder;

/**
 * Update format v2: fields go to run-length-encoded columns, the rest to an unframed tail.
 * Layout: var-uint 0 (feature flag), nine columns as var-uint8-arrays, then the rest bytes.
 */
public final class UpdateEncoderV2 implements UpdateEncoder {

    private ByteWriter rest = new ByteWriter(256);
    private long dsCurrVal;
    private long keyClock;
    private final IntDiffOptRleEncoder keyClockEncoder = new IntDiffOptRleEncoder();
    private final UintOptRleEncoder clientEncoder = new UintOptRleEncoder();
    private final IntDiffOptRleEncoder leftClockEncoder = new IntDiffOptRleEncoder();
    private final IntDiffOptRleEncoder rightClockEncoder = new IntDiffOptRleEncoder();
    private final RleByteEncoder infoEncoder = new RleByteEncoder();
    private final StringEncoder stringEncoder = new StringEncoder();
    private final RleByteEncoder parentInfoEncoder = new RleByteEncoder();
    private final UintOptRleEncoder typeRefEncoder = new UintOptRleEncoder();
    private final UintOptRleEncoder lenEncoder = new UintOptRleEncoder();

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
        clientEncoder.write(client);
        leftClockEncoder.write(clock);
    }

    @Override
    public void writeRightId(long client, long clock) {
        clientEncoder.write(client);
        rightClockEncoder.write(clock);
    }

    @Override
    public void writeClient(long client) {
        clientEncoder.write(client);
    }

    @Override
    public void writeInfo(int info) {
        infoEncoder.write(info);
    }

    @Override
    public void writeString(String s) {
        stringEncoder.write(s);
    }

    @Override
    public void writeParentInfo(boolean isRootKey) {
        parentInfoEncoder.write(isRootKey ? 1 : 0);
    }

    @Override
    public void writeTypeRef(int ref) {
        typeRefEncoder.write(ref);
    }

    @Override
    public void writeLen(long len) {
        lenEncoder.write(len);
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
        Any.write(rest, value);
    }

    @Override
    public void writeKey(String key) {
        // Yjs never remembers keys in v2 (its key cache is disabled), so every key is new
        keyClockEncoder.write(keyClock++);
        stringEncoder.write(key);
    }

    @Override
    public void resetDsCurVal() {
        dsCurrVal = 0;
    }

    @Override
    public void writeDsClock(long clock) {
        long diff = clock - dsCurrVal;
        dsCurrVal = clock;
        rest.writeVarUint(diff);
    }

    @Override
    public void writeDsLen(long len) {
        if (len == 0) {
            throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, -1,
                    "a delete range of length 0 cannot be written in update format v2");
        }
        rest.writeVarUint(len - 1);
        dsCurrVal += len;
    }

    @Override
    public byte[] toByteArray() {
        ByteWriter w = new ByteWriter(rest.size() + 64);
        w.writeVarUint(0);
        w.writeVarBytes(keyClockEncoder.toByteArray());
        w.writeVarBytes(clientEncoder.toByteArray());
        w.writeVarBytes(leftClockEncoder.toByteArray());
        w.writeVarBytes(rightClockEncoder.toByteArray());
        w.writeVarBytes(infoEncoder.toByteArray());
        w.writeVarBytes(stringEncoder.toByteArray());
        w.writeVarBytes(parentInfoEncoder.toByteArray());
        w.writeVarBytes(typeRefEncoder.toByteArray());
        w.writeVarBytes(lenEncoder.toByteArray());
        w.writeBytes(rest);
        return w.toByteArray();
    }

    @Override
    public UpdateFormat format() {
        return UpdateFormat.V2;
    }
}
