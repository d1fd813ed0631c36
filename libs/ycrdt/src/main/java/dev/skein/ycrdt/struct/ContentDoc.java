package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.JsObjects;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subdocument: its guid and options. Yjs rebuilds the options from the created document when it
 * reads one (only {@code gc: false}, {@code autoLoad: true} and a non-null {@code meta} survive,
 * in that order), so the same normalisation happens here on read.
 */
public record ContentDoc(String guid, Map<String, Object> opts) implements Content {

    static ContentDoc read(UpdateDecoder d) {
        String guid = d.readString();
        Object raw = d.readAny();
        if (raw == null || raw == Any.UNDEFINED) {
            throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, d.rest().position(),
                    "subdocument options are null");
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> m) {
            if (m.containsKey("guid") && m.get("guid") instanceof String g) {
                guid = g; // the options object is spread over {guid}, so its own guid wins
            }
            Object gc = m.containsKey("gc") ? m.get("gc") : Any.UNDEFINED;
            if (gc != Any.UNDEFINED && !JsObjects.truthy(gc)) {
                opts.put("gc", Boolean.FALSE);
            }
            if (JsObjects.truthy(m.get("autoLoad"))) {
                opts.put("autoLoad", Boolean.TRUE);
            }
            Object meta = m.get("meta");
            if (meta != null && meta != Any.UNDEFINED) {
                opts.put("meta", meta);
            }
        }
        return new ContentDoc(guid, opts);
    }

    @Override
    public int ref() {
        return REF_DOC;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public Content splitAt(long offset) {
        throw new UnsupportedOperationException("subdocument content has length 1");
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeString(guid);
        encoder.writeAny(opts);
    }
}
