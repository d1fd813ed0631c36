package dev.skein.ycrdt.types;

/**
 * How one map key changed in a transaction.
 *
 * @param action   added, updated or deleted
 * @param oldValue the value before ({@link dev.skein.ycrdt.lib0.Any#UNDEFINED} when added)
 */
public record EntryChange(Action action, Object oldValue) {

    /** What happened to the key. */
    public enum Action {
        /** The key was created. */
        ADD,
        /** The key got a new value. */
        UPDATE,
        /** The key was removed. */
        DELETE;

        /** Yjs's name of the action. */
        public String jsName() {
            return name().toLowerCase();
        }
    }
}
