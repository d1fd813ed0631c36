package dev.skein.ycrdt.doc;

/** A registered listener; {@link #close()} unregisters it. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Unregisters the listener (idempotent). */
    @Override
    void close();
}
