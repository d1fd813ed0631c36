package dev.skein.testkit.redis;

import dev.skein.testkit.net.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Redis ({@link SharedRedis}):
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(RedisTestResource.class)
 * class PresenceTest {
 *     RedisControlMBean redis = RedisTestResource.redis();   // stop()/restart() for outages
 * }
 * }</pre>
 */
public final class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key Quarkus' Redis client connects with. */
    public static final String HOSTS_KEY = "quarkus.redis.hosts";

    /** The JVM's shared server. */
    public static RedisControlMBean redis() {
        return SharedRedis.get();
    }

    /** The URI of the shared server. */
    public static String uri() {
        return "redis://" + FreePorts.LOOPBACK_HOST + ":" + redis().getPort();
    }

    @Override
    public Map<String, String> start() {
        return Map.of(HOSTS_KEY, uri());
    }

    @Override
    public void stop() {
        // The server is shared by every test class of the JVM; it ends with the JVM.
    }
}
