package dev.skein.ycrdt.update;

/** The two Yjs update encodings. */
public enum UpdateFormat {
    /** Yjs's default encoding ({@code encodeStateAsUpdate}, {@code mergeUpdates}). */
    V1,
    /** The column-oriented encoding ({@code encodeStateAsUpdateV2}, {@code mergeUpdatesV2}). */
    V2;

    /** A fresh encoder for this format. */
    public UpdateEncoder newEncoder() {
        return this == V1 ? new UpdateEncoderV1() : new UpdateEncoderV2();
    }

    /** A decoder over {@code update} in this format. */
    public UpdateDecoder newDecoder(byte[] update) {
        return this == V1 ? new UpdateDecoderV1(update) : new UpdateDecoderV2(update);
    }
}
