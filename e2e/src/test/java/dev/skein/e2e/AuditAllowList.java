package dev.skein.e2e;

import java.util.List;
import java.util.Optional;

/**
 * The reviewed exceptions of the endpoint audit ({@link RouteAudit}): every route of every service
 * refuses a caller without a valid token of its audience (401) and one without the right (403),
 * except the entries here, each with the reason it is open. Keep it short; a new entry is a door a
 * reviewer must agree to leave open. An entry that matches no route of the running service fails
 * the audit too, so the list cannot rot.
 */
final class AuditAllowList {

    /** What an entry waives. */
    enum Waiver {
        /** No token needed at all: every caller gets an answer. */
        OPEN,
        /** A valid token of the service's audience is needed (401s checked), but no role: any signed-in caller. */
        ANY_CALLER
    }

    /**
     * One exception.
     *
     * @param service the service's name in the audit ({@code *} for every service)
     * @param route method and declared path, e.g. {@code GET /q/metrics}
     * @param waiver what is waived
     * @param why the reviewed reason
     */
    record Entry(String service, String route, Waiver waiver, String why) {
    }

    static final List<Entry> ENTRIES = List.of(
        new Entry("*", "GET /q/health", Waiver.OPEN,
            "Kubernetes probes call without credentials; the answer is up/down and reasons, no document data"),
        new Entry("*", "GET /q/health/live", Waiver.OPEN, "liveness probe, as /q/health"),
        new Entry("*", "GET /q/health/ready", Waiver.OPEN, "readiness probe, as /q/health"),
        new Entry("*", "GET /q/metrics", Waiver.OPEN,
            "Prometheus scrapes without credentials; counters and gauges without document ids or tokens "
                + "(TokenLeakIT greps them for tokens)"),
        new Entry("gateway", "GET /q/openapi", Waiver.OPEN,
            "the gateway secures no HTTP route (it checks tokens on /ws/{docId} when a connection opens, audited separately); "
                + "the document lists its HTTP routes, none but the framework's, and holds no data"),
        new Entry("auth", "GET /documents", Waiver.ANY_CALLER,
            "every signed-in person lists the documents they themselves can open, nothing else"),
        new Entry("auth", "POST /documents/{docId}", Waiver.ANY_CALLER,
            "every signed-in person may create a document and becomes its owner; an existing one answers 409"));

    private AuditAllowList() {
    }

    /** The entry for a route of a service, if any. */
    static Optional<Entry> find(List<Entry> entries, String service, String route) {
        return entries.stream()
            .filter(entry -> (entry.service().equals("*") || entry.service().equals(service)) && entry.route().equals(route))
            .findFirst();
    }
}
