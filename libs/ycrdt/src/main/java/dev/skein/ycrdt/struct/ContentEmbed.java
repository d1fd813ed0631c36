package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** An embed in text (a JSON value; JSON text in v1, Any in v2). */
public record ContentEmbed(Object embed) implements Content {

    @Override
    public int ref() {
        return REF_EMBED;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public Content splitAt(long offset) {
        throw new UnsupportedOperationException("embed content has length 1");
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeJson(embed);
    }
}
