package dev.skein.testkit.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that points the application at the JVM's shared Kafka broker.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(KafkaTestResource.class)
 * class GatewayTest {
 *     @Test
 *     void survivesBrokerOutage() {
 *         KafkaTestResource.broker().kill();
 *         ...
 *         KafkaTestResource.broker().restart();
 *     }
 * }
 * }</pre>
 *
 * <p>The broker is started once per test JVM, on the first test class that needs it, and reused by
 * every later class and Quarkus restart; {@link #stop()} therefore leaves it running, and it ends
 * with the JVM. Tests create their topics ({@link KafkaCluster#createTopics(Map)}): automatic
 * topic creation is off, as in production.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key that the SmallRye Kafka connector and Kafka clients read. */
    public static final String BOOTSTRAP_SERVERS_KEY = "kafka.bootstrap.servers";

    /** The JVM's shared broker, for tests that stop, kill or restart it. */
    public static KafkaCluster broker() {
        return SharedKafkaBroker.get();
    }

    @Override
    public Map<String, String> start() {
        return Map.of(BOOTSTRAP_SERVERS_KEY, broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of the JVM; it ends with the JVM.
    }
}
