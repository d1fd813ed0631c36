package dev.skein.presence.store;

import dev.skein.presence.config.PresenceConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names of the Redis keys, all under {@code skein.presence.key-prefix}:
 *
 * <ul>
 *   <li>{@code doc:{docId}} — hash: client id → {@link PresenceEntry} as JSON; the key expires
 *       when no client of the document has renewed for twice the state TTL.</li>
 *   <li>{@code due} — sorted set: {@link ClientRef} → when its state expires (epoch ms); the
 *       sweeper removes and announces what is due.</li>
 *   <li>{@code gateways} — sorted set: gateway instance id → when it was last heard of.</li>
 *   <li>{@code gateway:{id}} — set of the {@link ClientRef}s of a gateway's clients.</li>
 *   <li>{@code user:{principal}} — set of the {@link ClientRef}s of a principal's clients.</li>
 * </ul>
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    RedisKeys(PresenceConfig config) {
        this.prefix = config.keyPrefix();
    }

    /** The states of a document. */
    public String doc(String docId) {
        return prefix + "doc:" + docId;
    }

    /** Expiry times of all states. */
    public String due() {
        return prefix + "due";
    }

    /** Last sign of life of every gateway. */
    public String gateways() {
        return prefix + "gateways";
    }

    /** The clients of a gateway. */
    public String gateway(String gatewayId) {
        return prefix + "gateway:" + gatewayId;
    }

    /** The clients of a principal. */
    public String user(String principal) {
        return prefix + "user:" + principal;
    }
}
