package dev.skein.storage.s3;

/** Object storage could not be reached or refused an operation. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message and its cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
