package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;

/** The content of an {@link Item}; one implementation per Yjs content ref. */
public sealed interface Content permits ContentDeleted, ContentJson, ContentBinary, ContentString, ContentEmbed,
        ContentFormat, ContentType, ContentAny, ContentDoc {

    int REF_DELETED = 1;
    int REF_JSON = 2;
    int REF_BINARY = 3;
    int REF_STRING = 4;
    int REF_EMBED = 5;
    int REF_FORMAT = 6;
    int REF_TYPE = 7;
    int REF_ANY = 8;
    int REF_DOC = 9;

    /** The content ref written in the low 5 bits of the info byte. */
    int ref();

    /** Number of ids this content occupies. */
    long length();

    /**
     * Keeps the first {@code offset} elements and returns the rest. Only contents longer than one
     * element can be split.
     */
    Content splitAt(long offset);

    /** Writes the content from {@code offset} on. */
    void write(UpdateEncoder encoder, long offset);

    /**
     * This content followed by every one of {@code following} (all of this kind), built in one
     * pass; only for kinds where {@link #joinable()} is true.
     */
    default Content join(java.util.List<Content> following) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot join");
    }

    /** Whether two contents of this kind can be joined into one item. */
    default boolean joinable() {
        return false;
    }

    /** Reads the content for {@code ref} (the info byte's low 5 bits). */
    static Content read(UpdateDecoder d, int ref) {
        switch (ref) {
            case REF_DELETED:
                return new ContentDeleted(d.readLen());
            case REF_JSON:
                return ContentJson.read(d);
            case REF_BINARY:
                return new ContentBinary(d.readBuf());
            case REF_STRING:
                return new ContentString(d.readString());
            case REF_EMBED:
                return new ContentEmbed(d.readJson());
            case REF_FORMAT: {
                String key = d.readKey();
                return new ContentFormat(key, d.readJson());
            }
            case REF_TYPE:
                return ContentType.read(d);
            case REF_ANY:
                return ContentAny.read(d);
            case REF_DOC:
                return ContentDoc.read(d);
            default:
                throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, d.rest().position(),
                        "unknown content ref " + ref);
        }
    }
}
