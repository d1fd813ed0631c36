package dev.skein.gateway.auth;

/** auth-service or the token endpoint did not answer: the client should retry later (1013). */
public final class AuthUnavailableException extends Exception {

    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
