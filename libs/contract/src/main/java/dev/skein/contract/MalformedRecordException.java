package dev.skein.contract;

/**
 * A Kafka record that does not follow this contract (missing or invalid header, bad body).
 * Consumers skip and report such records; they never stop on them.
 */
public class MalformedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a short reason. */
    public MalformedRecordException(String reason) {
        super(reason);
    }
}
