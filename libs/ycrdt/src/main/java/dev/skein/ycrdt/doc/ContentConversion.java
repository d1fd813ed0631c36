package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Content;
import dev.skein.ycrdt.types.AbstractType;

/** Turns the content of a decoded update struct into a document's live content. */
final class ContentConversion {

    private ContentConversion() {
    }

    static ItemContent fromUpdate(Content c, Doc doc) {
        if (c instanceof dev.skein.ycrdt.struct.ContentString s) {
            return new ContentString(s.str());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentDeleted d) {
            return new ContentDeleted(d.length());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentAny a) {
            return new ContentAny(a.values());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentFormat f) {
            return new ContentFormat(f.key(), f.value());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentType t) {
            return new ContentType(AbstractType.fromTypeRef(t.typeRef(), t.name()));
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentEmbed e) {
            return new ContentEmbed(e.embed());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentBinary b) {
            return new ContentBinary(b.bytes());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentJson j) {
            return new ContentJSON(j.values());
        }
        if (c instanceof dev.skein.ycrdt.struct.ContentDoc d) {
            return new ContentDoc(Doc.subdocFromOptions(d.guid(), d.opts()));
        }
        throw new IllegalArgumentException("unknown content " + c);
    }
}
