package dev.skein.presence.auth;

/**
 * auth-service or the token endpoint did not answer usefully, so whether a person may see a
 * document is unknown: the REST API answers 503, the event stream leaves the event out.
 */
public class AuthUnavailableException extends RuntimeException {

    /** With the reason, for the 503 answer and the log. */
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
