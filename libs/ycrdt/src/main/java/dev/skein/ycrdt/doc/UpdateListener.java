package dev.skein.ycrdt.doc;

/** Receives the update each transaction that changed the document emits. */
@FunctionalInterface
public interface UpdateListener {

    /**
     * @param update      the update, in the format the listener was registered for
     * @param origin      the transaction's origin (what {@link Doc#transact} or {@code applyUpdate} got)
     * @param transaction the transaction that just ended
     */
    void onUpdate(byte[] update, Object origin, Transaction transaction);
}
