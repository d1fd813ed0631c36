package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Transaction;
import java.util.Collections;
import java.util.Set;

/** Changes of a {@link YMap} in one transaction. */
public final class YMapEvent extends YEvent {
    private final Set<String> keysChanged;

    YMapEvent(YMap target, Transaction transaction, Set<String> keysChanged) {
        super(target, transaction);
        this.keysChanged = Collections.unmodifiableSet(keysChanged);
    }

    /** The keys that changed (details in {@link #keys()}). */
    public Set<String> keysChanged() {
        return keysChanged;
    }
}
