package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Transaction;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Changes of an XML fragment or element in one transaction. */
public final class YXmlEvent extends YEvent {
    private final boolean childListChanged;
    private final Set<String> attributesChanged;

    YXmlEvent(YXmlFragment target, Set<String> subs, Transaction transaction) {
        super(target, transaction);
        boolean children = false;
        Set<String> attrs = new LinkedHashSet<>();
        for (String sub : subs) {
            if (sub == null) {
                children = true;
            } else {
                attrs.add(sub);
            }
        }
        this.childListChanged = children;
        this.attributesChanged = Collections.unmodifiableSet(attrs);
    }

    /** Whether children were inserted or deleted. */
    public boolean childListChanged() {
        return childListChanged;
    }

    /** Attributes that changed. */
    public Set<String> attributesChanged() {
        return attributesChanged;
    }
}
