package dev.skein.gateway.auth;

/** A missing, malformed, forged, expired or misdirected token: the connection is closed with 4401. */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
