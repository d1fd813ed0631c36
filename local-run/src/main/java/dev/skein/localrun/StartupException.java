package dev.skein.localrun;

/**
 * The local run could not start: a port is taken, a service is not built, or a component did
 * not become ready. The message says what to do and quotes the end of the failing log.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message meant for the person at the terminal. */
    public StartupException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}, whose message is part of {@code message}. */
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
