package dev.skein.messaging;

import java.util.Optional;
import java.util.UUID;

/**
 * One running instance of a service: the prefix of its Kafka client ids, the key of the sync
 * replies meant for it (gateways, doc-service's REST side) and the first part of the origin header
 * of the records it produces. Each service configures it under its own key
 * ({@code skein.gateway.instance-id}, …) and produces this bean from it; unset, a random one.
 *
 * @param value the id
 */
public record InstanceId(String value) {

    /** The configured id, or {@code <prefix>-<random uuid>}. */
    public static InstanceId configuredOr(Optional<String> configured, String prefix) {
        return new InstanceId(configured.filter(id -> !id.isBlank()).orElseGet(() -> prefix + "-" + UUID.randomUUID()));
    }

    /** The origin header of records this instance produces on its own behalf ({@code <service>/<id>}). */
    public String origin(String service) {
        return service + "/" + value;
    }
}
