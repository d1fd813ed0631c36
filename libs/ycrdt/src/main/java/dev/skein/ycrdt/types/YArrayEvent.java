package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Transaction;

/** Changes of a {@link YArray} in one transaction. */
public final class YArrayEvent extends YEvent {
    YArrayEvent(YArray target, Transaction transaction) {
        super(target, transaction);
    }
}
