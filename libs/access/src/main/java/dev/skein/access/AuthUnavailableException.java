package dev.skein.access;

/**
 * auth-service or the token endpoint did not answer usefully, so what a caller may do is unknown:
 * services answer 503, the gateway closes the connection with 1013 so the client retries.
 */
public class AuthUnavailableException extends RuntimeException {

    /**
     * @param message the reason, for the answer and the log (never a token)
     * @param cause what failed underneath, or null
     */
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
