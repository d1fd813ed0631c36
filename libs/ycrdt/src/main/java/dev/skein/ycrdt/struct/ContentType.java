package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;

/**
 * A nested shared type. {@code name} is the node name of an XmlElement or the hook name of an
 * XmlHook, null otherwise.
 */
public record ContentType(int typeRef, String name) implements Content {

    public static final int ARRAY = 0;
    public static final int MAP = 1;
    public static final int TEXT = 2;
    public static final int XML_ELEMENT = 3;
    public static final int XML_FRAGMENT = 4;
    public static final int XML_HOOK = 5;
    public static final int XML_TEXT = 6;

    static ContentType read(UpdateDecoder d) {
        int ref = d.readTypeRef();
        switch (ref) {
            case ARRAY, MAP, TEXT, XML_FRAGMENT, XML_TEXT:
                return new ContentType(ref, null);
            case XML_ELEMENT, XML_HOOK:
                return new ContentType(ref, d.readKey());
            default:
                throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, d.rest().position(),
                        "unknown type ref " + ref);
        }
    }

    @Override
    public int ref() {
        return REF_TYPE;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public Content splitAt(long offset) {
        throw new UnsupportedOperationException("type content has length 1");
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeTypeRef(typeRef);
        if (typeRef == XML_ELEMENT || typeRef == XML_HOOK) {
            encoder.writeKey(name);
        }
    }
}
