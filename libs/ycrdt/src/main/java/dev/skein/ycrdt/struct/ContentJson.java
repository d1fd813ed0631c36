package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Legacy JSON content: each element a JSON text ({@code "undefined"} for undefined). Parsed on
 * read and serialised on write, as Yjs does, so non-canonical JSON is normalised the same way.
 */
public final class ContentJson implements Content {
    private List<Object> values;

    public ContentJson(List<Object> values) {
        this.values = values;
    }

    public List<Object> values() {
        return values;
    }

    static ContentJson read(UpdateDecoder d) {
        long len = d.readLen();
        if (len > d.rest().remaining() + 1_000_000L) {
            throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, d.rest().position(),
                    "content claims " + len + " values");
        }
        List<Object> vs = new ArrayList<>((int) Math.min(len, 1024));
        for (long i = 0; i < len; i++) {
            String s = d.readString();
            vs.add(s.equals("undefined") ? Any.UNDEFINED : Json.parse(s));
        }
        return new ContentJson(vs);
    }

    @Override
    public int ref() {
        return REF_JSON;
    }

    @Override
    public long length() {
        return values.size();
    }

    @Override
    public Content splitAt(long offset) {
        int o = (int) offset;
        ContentJson right = new ContentJson(new ArrayList<>(values.subList(o, values.size())));
        values = new ArrayList<>(values.subList(0, o));
        return right;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        int len = values.size();
        encoder.writeLen(len - offset);
        for (int i = (int) offset; i < len; i++) {
            Object v = values.get(i);
            String s = v == Any.UNDEFINED ? "undefined" : Json.stringify(v);
            encoder.writeString(s == null ? "undefined" : s);
        }
    }

    @Override
    public boolean joinable() {
        return true;
    }

    @Override
    public Content join(List<Content> following) {
        List<Object> all = new ArrayList<>(values);
        for (Content c : following) {
            all.addAll(((ContentJson) c).values);
        }
        return new ContentJson(all);
    }

    @Override
    public String toString() {
        return "Json" + values;
    }
}
