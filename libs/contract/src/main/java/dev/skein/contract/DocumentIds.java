package dev.skein.contract;

import java.util.regex.Pattern;

/**
 * Syntax of document ids, checked by every entry point (WebSocket path, REST path) before
 * anything reaches Kafka.
 *
 * <p>A document id is 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ ~ -}
 * (the unreserved URL characters, so that the stock y-websocket provider can put it into the URL
 * path unencoded and object-storage keys stay plain), and is neither {@code .} nor {@code ..}.
 */
public final class DocumentIds {

    /** Longest accepted document id, in characters. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._~-]+");

    private DocumentIds() {
    }

    /** Whether {@code id} is a valid document id. */
    public static boolean isValid(String id) {
        return id != null
            && !id.isEmpty()
            && id.length() <= MAX_LENGTH
            && !id.equals(".")
            && !id.equals("..")
            && SYNTAX.matcher(id).matches();
    }

    /**
     * Returns {@code id} if valid.
     *
     * @throws IllegalArgumentException with a message safe to show to a client, if invalid
     */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(describeProblem(id));
        }
        return id;
    }

    /** A short explanation of why {@code id} is invalid (or "valid"). */
    public static String describeProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "document id is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "document id longer than " + MAX_LENGTH + " characters";
        }
        if (id.equals(".") || id.equals("..")) {
            return "document id may not be '.' or '..'";
        }
        if (!SYNTAX.matcher(id).matches()) {
            return "document id may contain only A-Z a-z 0-9 . _ ~ -";
        }
        return "valid";
    }
}
