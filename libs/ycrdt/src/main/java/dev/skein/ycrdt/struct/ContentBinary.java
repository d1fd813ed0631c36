package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** One binary blob (a {@code Uint8Array} inserted into an array). */
public record ContentBinary(byte[] bytes) implements Content {

    @Override
    public int ref() {
        return REF_BINARY;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public Content splitAt(long offset) {
        throw new UnsupportedOperationException("binary content has length 1");
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeBuf(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentBinary b && java.util.Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Binary(" + bytes.length + " bytes)";
    }
}
