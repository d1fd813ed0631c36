package dev.skein.storage.format;

/**
 * An object written by a newer (or unknown) format version or with an unknown encoding. Readers
 * refuse it rather than guess, so that an old service next to newer data fails loudly instead of
 * serving a wrong document.
 */
public class UnsupportedObjectFormatException extends StorageFormatException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a reason. */
    public UnsupportedObjectFormatException(String reason) {
        super(reason);
    }
}
