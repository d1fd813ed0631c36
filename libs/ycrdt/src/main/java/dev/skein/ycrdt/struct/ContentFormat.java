package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** A formatting mark in text: attribute key and value (null ends the attribute). */
public record ContentFormat(String key, Object value) implements Content {

    @Override
    public int ref() {
        return REF_FORMAT;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public Content splitAt(long offset) {
        throw new UnsupportedOperationException("format content has length 1");
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeKey(key);
        encoder.writeJson(value);
    }
}
