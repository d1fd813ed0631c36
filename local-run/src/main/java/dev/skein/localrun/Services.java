package dev.skein.localrun;

import java.util.List;
import java.util.Map;

/**
 * The services the local run starts, in start order; they are stopped in reverse order.
 *
 * <p>A new service is one line here: its key (which names its port option), its module folder
 * and its default port, plus its own settings if it needs any. Every service gets
 * {@code QUARKUS_HTTP_HOST=127.0.0.1}, {@code QUARKUS_HTTP_PORT} and
 * {@code KAFKA_BOOTSTRAP_SERVERS}, and must answer {@code /q/health/ready}.
 */
public final class Services {

    /** Port of the editor page when none is configured. */
    public static final int EDITOR_DEFAULT_PORT = 8080;

    /** Key of the first gateway: the editor page connects to it unless told otherwise. */
    public static final String GATEWAY = "gateway";

    /**
     * Key of the second gateway instance (same module, its own instance id and port), so that the
     * editor page can put two people on different gateways ({@code ?gateway=2}).
     */
    public static final String GATEWAY2 = "gateway2";

    /** The gateways, in the order the editor page numbers them (1, 2). */
    public static final List<String> GATEWAYS = List.of(GATEWAY, GATEWAY2);

    /** Key of persistence-service: it gets the local S3 server. */
    public static final String PERSISTENCE = "persistence";

    /** Key of doc-service: it gets the local S3 server to load documents from. */
    public static final String DOC = "doc";

    /** Key of presence-service: it gets the local Redis, and the gateway its URL. */
    public static final String PRESENCE = "presence";

    /**
     * Key of auth-service: it gets PostgreSQL and Keycloak, the gateways its URL. Started only
     * with authentication on ({@link #withAuth(boolean)}).
     */
    public static final String AUTH = "auth";

    /**
     * The client (C1) compiler only, for the services off the editors' path: their code runs at
     * low rates (batches, heartbeats), so the optimising compiler reached it minutes after start
     * and its compilations were most of their CPU; measured in docs/cold-start.md.
     */
    static final String CLIENT_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

    private static final List<ServiceSpec> ALL = List.of(
            ServiceSpec.quarkus(DOC, "doc-service", 8082),
            ServiceSpec.quarkus(PERSISTENCE, "persistence-service", 8083).withJvmOptions(CLIENT_COMPILER_ONLY),
            new ServiceSpec(PRESENCE, "presence-service", 8084, "256m", Map.of()).withJvmOptions(CLIENT_COMPILER_ONLY),
            ServiceSpec.quarkus(AUTH, "auth-service", 8085),
            ServiceSpec.quarkus(GATEWAY, "gateway-service", 8081),
            new ServiceSpec(GATEWAY2, "gateway-service-2", "gateway-service", 8086, "384m", Map.of()));

    private Services() {
    }

    /** Every service of the local run (each has a port option, auth-service too). */
    public static List<ServiceSpec> all() {
        return ALL;
    }

    /** The services a run starts: every one, or every one but auth-service when auth is off. */
    public static List<ServiceSpec> withAuth(boolean auth) {
        return ALL.stream().filter(spec -> auth || !spec.key().equals(AUTH)).toList();
    }
}
