package dev.skein.testkit.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real PostgreSQL ({@link SharedPostgres}):
 * the reactive datasource URL and user. Tests share the database; each test uses its own rows
 * (e.g. fresh document ids) instead of wiping it.
 */
public final class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The JVM's shared server. */
    public static PostgresControlMBean postgres() {
        return SharedPostgres.get();
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.reactive.url", postgres().getReactiveUrl(),
                "quarkus.datasource.username", PostgresServer.USER);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; it ends with the JVM.
    }
}
