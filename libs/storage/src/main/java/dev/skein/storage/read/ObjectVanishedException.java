package dev.skein.storage.read;

/**
 * A listed object was gone when it was read: a compaction replaced it in between. The listing is
 * stale; list again.
 */
public class ObjectVanishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for a key. */
    public ObjectVanishedException(String key) {
        super("object " + key + " was deleted after it was listed");
    }
}
