package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.List;

/** JSON-like values inserted into an array or set in a map (the {@link Any} value model). */
public final class ContentAny implements Content {
    private List<Object> values;

    public ContentAny(List<Object> values) {
        this.values = values;
    }

    public List<Object> values() {
        return values;
    }

    static ContentAny read(UpdateDecoder d) {
        long len = d.readLen();
        if (len > d.rest().remaining()) {
            throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, d.rest().position(),
                    "content claims " + len + " values");
        }
        List<Object> vs = new ArrayList<>((int) len);
        for (long i = 0; i < len; i++) {
            vs.add(d.readAny());
        }
        return new ContentAny(vs);
    }

    @Override
    public int ref() {
        return REF_ANY;
    }

    @Override
    public long length() {
        return values.size();
    }

    @Override
    public Content splitAt(long offset) {
        int o = (int) offset;
        ContentAny right = new ContentAny(new ArrayList<>(values.subList(o, values.size())));
        values = new ArrayList<>(values.subList(0, o));
        return right;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        int len = values.size();
        encoder.writeLen(len - offset);
        for (int i = (int) offset; i < len; i++) {
            encoder.writeAny(values.get(i));
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
            all.addAll(((ContentAny) c).values);
        }
        return new ContentAny(all);
    }

    @Override
    public String toString() {
        return "Any" + values;
    }
}
