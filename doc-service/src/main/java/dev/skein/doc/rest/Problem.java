package dev.skein.doc.rest;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title short summary
 * @param status HTTP status
 * @param detail explanation for this occurrence
 */
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A response carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** 400: invalid input. */
    public static Response badRequest(String kind, String detail) {
        return new Problem("urn:skein:problem:" + kind, "Bad request", 400, detail).toResponse();
    }

    /** 404: no such document. */
    public static Response notFound(String docId) {
        return new Problem("urn:skein:problem:not-found", "Document not found", 404,
            "document " + docId + " has no content").toResponse();
    }

    /** 413: body too large. */
    public static Response tooLarge(long limit) {
        return new Problem("urn:skein:problem:too-large", "Payload too large", 413,
            "updates are limited to " + limit + " bytes").toResponse();
    }

    /** 422: the request is well-formed but cannot be applied to the document. */
    public static Response unprocessable(String kind, String detail) {
        return new Problem("urn:skein:problem:" + kind, "Unprocessable request", 422, detail).toResponse();
    }

    /** 413 with a detail of the caller's. */
    public static Response tooLarge(String detail) {
        return new Problem("urn:skein:problem:too-large", "Payload too large", 413, detail).toResponse();
    }

    /** 404 with a kind and detail of the caller's. */
    public static Response notFound(String kind, String detail) {
        return new Problem("urn:skein:problem:" + kind, "Not found", 404, detail).toResponse();
    }

    /** 503: Kafka or the document's owner did not answer. */
    public static Response unavailable(String detail) {
        return new Problem("urn:skein:problem:unavailable", "Service unavailable", 503, detail).toResponse();
    }

    /** 401: no usable token (the HTTP layer answers most of these before a resource is reached). */
    public static Response unauthorized(String detail) {
        return Response.fromResponse(new Problem("urn:skein:problem:unauthorized", "Unauthorized", 401, detail).toResponse())
            .header("WWW-Authenticate", "Bearer").build();
    }

    /** 403: a valid token whose holder may not do this with the document. */
    public static Response forbidden(String detail) {
        return new Problem("urn:skein:problem:forbidden", "Forbidden", 403, detail).toResponse();
    }
}
