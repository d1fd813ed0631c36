package dev.skein.doc.edit;

import dev.skein.doc.rest.Problem;
import jakarta.ws.rs.core.Response;

/**
 * A refused edit ({@code application/problem+json}, 422): the problem fields plus the index of the
 * refused operation ({@code -1} when the request as a whole is refused) and its name.
 *
 * @param type {@code urn:skein:problem:invalid-edit}
 * @param title short summary
 * @param status 422
 * @param detail the reason, naming the operation
 * @param op index of the refused operation, -1 for the request as a whole
 */
public record EditProblem(String type, String title, int status, String detail, int op) {

    /** The 422 response for a refusal. */
    public static Response of(int op, String detail) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
            .entity(new EditProblem("urn:skein:problem:invalid-edit", "Edit refused, nothing applied", 422, detail, op))
            .build();
    }
}
