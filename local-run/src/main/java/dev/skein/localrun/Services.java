package dev.skein.localrun;

import java.util.List;

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

    /** Key of the gateway: the editor page connects to it. */
    public static final String GATEWAY = "gateway";

    private static final List<ServiceSpec> ALL = List.of(
            ServiceSpec.quarkus("doc", "doc-service", 8082),
            ServiceSpec.quarkus(GATEWAY, "gateway-service", 8081));

    private Services() {
    }

    /** Every service of the local run. */
    public static List<ServiceSpec> all() {
        return ALL;
    }
}
