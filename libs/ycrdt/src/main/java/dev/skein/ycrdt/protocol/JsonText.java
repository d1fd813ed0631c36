package dev.skein.ycrdt.protocol;

import dev.skein.ycrdt.lib0.Json;

/** The JSON text of an awareness state, seen the way y-protocols sees it. */
final class JsonText {

    private JsonText() {
    }

    /** {@code JSON.parse}; malformed text is a {@link YDecodingException}. */
    static Object parse(String json) {
        return Json.parse(json);
    }

    /** Whether {@code json} parses to {@code null}; JSON allows only whitespace around the literal. */
    static boolean isNull(String json) {
        int start = 0;
        int end = json.length();
        while (start < end && isWhitespace(json.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(json.charAt(end - 1))) {
            end--;
        }
        return end - start == 4 && json.startsWith("null", start);
    }

    /**
     * Whether a canonical state is falsy in JavaScript ({@code 0}, {@code false}, {@code ""} or
     * {@code null}). y-protocols encodes a stored state as {@code states.get(id) || null}, so such
     * states go out as {@code null}. Canonical text has one spelling per falsy value ({@code -0}
     * prints as {@code 0}), so comparing text suffices.
     */
    static boolean isFalsy(String canonical) {
        return switch (canonical) {
            case "0", "false", "\"\"", "null" -> true;
            default -> false;
        };
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
