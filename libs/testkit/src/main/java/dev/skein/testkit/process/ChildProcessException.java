package dev.skein.testkit.process;

/**
 * A child process could not be started, did not become ready, or ended unexpectedly. The message
 * carries the end of the child's log, which usually says why.
 */
public class ChildProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message that already includes what the child logged. */
    public ChildProcessException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}. */
    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
