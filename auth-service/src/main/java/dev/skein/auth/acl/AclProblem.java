package dev.skein.auth.acl;

/**
 * A request the ACL rules refuse, with the HTTP status that says why. Thrown inside a transaction,
 * it also rolls the transaction back.
 */
public final class AclProblem extends RuntimeException {

    private final int status;

    private AclProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request names something invalid. */
    public static AclProblem badRequest(String message) {
        return new AclProblem(400, message);
    }

    /** 403: the caller may not do this (not an owner, or asks about someone else). */
    public static AclProblem forbidden(String message) {
        return new AclProblem(403, message);
    }

    /** 404: no such document or grant. */
    public static AclProblem notFound(String message) {
        return new AclProblem(404, message);
    }

    /** 409: conflicts with the current state (document exists, last owner). */
    public static AclProblem conflict(String message) {
        return new AclProblem(409, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
