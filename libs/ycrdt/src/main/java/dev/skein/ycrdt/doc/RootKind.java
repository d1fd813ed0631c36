package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlHook;
import dev.skein.ycrdt.types.YXmlText;

/** The likely kind of a root known only from updates ({@link Doc#inferRootKind}). */
public enum RootKind {
    /** Strings, formats or embeds in the list. */
    TEXT,
    /** Other list content. */
    ARRAY,
    /** Only keyed content. */
    MAP,
    /** Only XML nodes in the list. */
    XML_FRAGMENT;

    /** Infers from the items, live ones first, deleted ones when nothing live tells. */
    static RootKind infer(AbstractType<?> t) {
        RootKind k = fromList(t, false);
        if (k == null) {
            k = fromList(t, true);
        }
        if (k == null && !t.itemMap().isEmpty()) {
            return MAP;
        }
        return k;
    }

    private static RootKind fromList(AbstractType<?> t, boolean deleted) {
        boolean any = false;
        boolean allXml = true;
        for (Item n = t.start(); n != null; n = n.right()) {
            if (n.isDeleted() != deleted) {
                continue;
            }
            ItemContent c = n.content();
            if (c instanceof ContentString || c instanceof ContentFormat || c instanceof ContentEmbed) {
                return TEXT;
            }
            if (c instanceof ContentDeleted) {
                continue;
            }
            any = true;
            if (!(c instanceof ContentType ct && (ct.type() instanceof YXmlElement || ct.type() instanceof YXmlText
                    || ct.type() instanceof YXmlHook))) {
                allXml = false;
            }
        }
        if (!any) {
            return null;
        }
        return allXml ? XML_FRAGMENT : ARRAY;
    }
}
