package dev.skein.ycrdt;

/**
 * The one exception every ycrdt decoder throws for malformed input.
 *
 * <p>The {@link #reason()} tells callers what kind of malformation it was, so that a gateway can
 * choose a close code and a consumer can label a dead-letter record, without parsing messages.
 */
public final class YDecodingException extends RuntimeException {

    /** Why the input was rejected. */
    public enum Reason {
        /** The input ended in the middle of a value. */
        END_OF_BUFFER,
        /** A variable-length integer is longer than 53 bits allow. */
        INVALID_VARINT,
        /** A string is not valid UTF-8. */
        INVALID_UTF8,
        /** A value is out of the range the format allows (unknown tag, impossible length, ...). */
        UNEXPECTED_VALUE
    }

    private final Reason reason;
    private final long offset;

    public YDecodingException(Reason reason, long offset, String message) {
        super(message + " (" + reason + " at byte " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    /** What kind of malformation this is. */
    public Reason reason() {
        return reason;
    }

    /** Byte offset in the decoded buffer where the problem was found, or -1 when unknown. */
    public long offset() {
        return offset;
    }
}
