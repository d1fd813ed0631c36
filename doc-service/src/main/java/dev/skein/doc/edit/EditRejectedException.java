package dev.skein.doc.edit;

/** An edit request that cannot be applied: operation {@link #op()} (-1: the request as a whole) is refused. */
public final class EditRejectedException extends RuntimeException {

    private final int op;

    /**
     * @param op index of the refused operation, -1 for the request as a whole
     * @param reason why, for the caller
     */
    public EditRejectedException(int op, String reason) {
        super(reason, null, false, false);
        this.op = op;
    }

    /** Index of the refused operation, -1 for the request as a whole. */
    public int op() {
        return op;
    }

    /** The reason with the operation named. */
    public String describe() {
        return op < 0 ? getMessage() : "operation " + op + ": " + getMessage();
    }
}
