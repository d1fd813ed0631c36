package dev.skein.storage.format;

/** An object that is not a Skein object or was damaged: bad magic, truncated, checksum mismatch. */
public class CorruptObjectException extends StorageFormatException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a reason. */
    public CorruptObjectException(String reason) {
        super(reason);
    }
}
