package dev.skein.storage.format;

/** A stored object that this reader cannot use. */
public class StorageFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a reason. */
    public StorageFormatException(String reason) {
        super(reason);
    }
}
