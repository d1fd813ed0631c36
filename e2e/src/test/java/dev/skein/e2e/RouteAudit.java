package dev.skein.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint audit of one service: each of its routes is called without a token, with a token of
 * another audience, with an expired one and with a valid one that lacks the right, and must answer
 * 401, 401, 401 and 403, unless {@link AuditAllowList} names it (then an open route must answer
 * without a token). What it finds is returned as findings, one line each; none means the service
 * keeps every door.
 */
final class RouteAudit {

    /**
     * The tokens of the four knocks, for one service.
     *
     * @param wrongAudience valid, every role, but for every other service's audience
     * @param expired this audience and every role, but expired
     * @param lacksRole valid for this audience, without the role a route needs
     */
    record Tokens(String wrongAudience, String expired, String lacksRole) {
    }

    /** Routes every Quarkus service has besides what its OpenAPI document lists (that document included). */
    static final List<Route> FRAMEWORK = List.of(
        new Route("GET", "/q/openapi", "/q/openapi", null, null),
        new Route("GET", "/q/health", "/q/health", null, null),
        new Route("GET", "/q/health/live", "/q/health/live", null, null),
        new Route("GET", "/q/health/ready", "/q/health/ready", null, null),
        new Route("GET", "/q/metrics", "/q/metrics", null, null));

    private RouteAudit() {
    }

    /**
     * Audits {@code routes} of {@code service}.
     *
     * @param call answers the status of a route called with a token (null: without one)
     */
    static List<String> audit(String service, List<Route> routes, Tokens tokens, List<AuditAllowList.Entry> allowed,
            Caller call) {
        List<String> findings = new ArrayList<>();
        for (Route route : routes) {
            Optional<AuditAllowList.Entry> entry = AuditAllowList.find(allowed, service, route.name());
            if (entry.isPresent() && entry.get().waiver() == AuditAllowList.Waiver.OPEN) {
                int status = call.status(route, null);
                if (status == 401 || status == 403) {
                    findings.add(service + " " + route.name() + ": allowed open, but answered " + status + " without a token");
                }
                continue;
            }
            expect(findings, service, route, "without a token", call.status(route, null), 401);
            expect(findings, service, route, "with another audience's token", call.status(route, tokens.wrongAudience()), 401);
            expect(findings, service, route, "with an expired token", call.status(route, tokens.expired()), 401);
            if (entry.isEmpty()) {
                expect(findings, service, route, "with a valid token lacking the role", call.status(route, tokens.lacksRole()), 403);
            }
        }
        for (AuditAllowList.Entry entry : allowed) {
            boolean forThis = entry.service().equals("*") || entry.service().equals(service);
            if (forThis && routes.stream().noneMatch(route -> route.name().equals(entry.route()))) {
                findings.add(service + " " + entry.route() + ": allow-listed, but the service has no such route");
            }
        }
        return findings;
    }

    private static void expect(List<String> findings, String service, Route route, String knock, int status, int expected) {
        if (status != expected) {
            findings.add(service + " " + route.name() + " (" + route.pathAndQuery() + "): " + knock + " answered "
                + status + ", expected " + expected);
        }
    }

    /** Calls a route with a bearer token (null: without one) and answers the status. */
    interface Caller {
        int status(Route route, String token);

        /** A caller of the service at {@code baseUrl}. */
        static Caller of(String baseUrl) {
            return (route, token) -> HttpProbe.status(route.method(), baseUrl + route.pathAndQuery(), token,
                route.body(), route.contentType());
        }
    }

    /** The routes of a service to audit: what its OpenAPI document lists plus {@link #FRAMEWORK}. */
    static List<Route> withFramework(List<Route> declared) {
        List<Route> all = new ArrayList<>(declared);
        all.addAll(FRAMEWORK);
        return all;
    }
}
