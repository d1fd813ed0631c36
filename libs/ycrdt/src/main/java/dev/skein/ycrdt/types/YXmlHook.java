package dev.skein.ycrdt.types;

import dev.skein.ycrdt.update.UpdateEncoder;

/** A map standing for a custom node in XML (Yjs's {@code Y.XmlHook}). */
public class YXmlHook extends YMap {

    private final String hookName;

    /** A hook named {@code hookName}. */
    public YXmlHook(String hookName) {
        this.hookName = hookName;
    }

    /** The hook name. */
    public String hookName() {
        return hookName;
    }

    @Override
    public AbstractType<?> copyEmpty() {
        return new YXmlHook(hookName);
    }

    @Override
    public void writeTypeRef(UpdateEncoder encoder) {
        encoder.writeTypeRef(dev.skein.ycrdt.struct.ContentType.XML_HOOK);
        encoder.writeKey(hookName);
    }

    @Override
    public String toString() {
        return "[object Object]";
    }
}
