package dev.skein.presence.store;

/** Redis did not answer; the REST API turns this into 503 with the reason. */
public class PresenceUnavailableException extends RuntimeException {

    PresenceUnavailableException(Throwable cause) {
        super("Redis unavailable: " + reason(cause), cause);
    }

    /** The innermost message of a failure, which names what went wrong (connection refused, timeout). */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
