package dev.skein.doc.edit;

import dev.skein.contract.EditReply;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.doc.rest.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns an owner's edit reply into the HTTP answer. */
public final class EditAnswers {

    private EditAnswers() {
    }

    /** Waits for the reply and answers: 200 with the owner's result, 422 for a refusal, 503 otherwise. */
    public static Response await(CompletableFuture<EditReply> pending, String docId, DocMetrics metrics) {
        try {
            return answer(pending.get());
        } catch (ExecutionException e) {
            metrics.error("edit");
            boolean timeout = e.getCause() instanceof TimeoutException;
            return Problem.unavailable(timeout
                ? "the owner of document " + docId + " did not answer in time; the edit may or may not have been applied"
                : "the edit could not be sent: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problem.unavailable("interrupted");
        }
    }

    public static Response answer(EditReply reply) {
        return switch (reply.outcome()) {
            case APPLIED -> Response.ok(reply.bodyText(), MediaType.APPLICATION_JSON).build();
            case REJECTED -> EditProblem.of(reply.failedOp(), reply.bodyText());
            case FAILED -> Problem.unavailable(reply.bodyText());
        };
    }
}
