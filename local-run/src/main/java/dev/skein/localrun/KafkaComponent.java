package dev.skein.localrun;

import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.process.ChildProcessException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local run's Kafka broker: a KRaft broker in a child JVM whose data stays in the data
 * folder between runs.
 *
 * <p>doc-service rebuilds documents from the update topic, so the log is the only copy of every
 * document: retention is unlimited here (topic-level settings of the short-lived reply and
 * awareness topics still apply).
 */
final class KafkaComponent implements Component {

    private static final String NAME = "kafka";
    private static final int REPORT_LINES = 40;

    /** The broker JVM's name for {@link ServiceJvm#ownOptions}. */
    static final String BROKER_NAME = "kafka-broker";

    private final KafkaBroker broker;

    private KafkaComponent(KafkaBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts the broker and waits until it answers.
     *
     * @throws StartupException if it does not start in time; quotes its log
     */
    static KafkaComponent start(Path dir, int port, Duration timeout) {
        try {
            return new KafkaComponent(KafkaBroker.start(options(dir, port, timeout)));
        } catch (ChildProcessException | IllegalStateException e) {
            throw new StartupException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** The local run's broker: kept data, no retention limit, its JVM options from the environment. */
    static KafkaBroker.Options options(Path dir, int port, Duration timeout) {
        return KafkaBroker.Options.defaults()
                .dataDir(dir)
                .port(port)
                .startupTimeout(timeout)
                .brokerProperty("log.retention.ms", "-1")
                .brokerProperty("log.retention.bytes", "-1")
                .jvmArgs(ServiceJvm.ownOptions(System.getenv(), BROKER_NAME));
    }

    /** The {@code bootstrap.servers} value for the services. */
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The broker's log file. */
    Path logFile() {
        return broker.logFile();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    public String failureReport() {
        return "kafka stopped" + System.lineSeparator()
                + "--- last lines of " + broker.logFile() + " ---" + System.lineSeparator()
                + LogFiles.tail(broker.logFile(), REPORT_LINES);
    }

    @Override
    public void close() {
        // The data directory is the caller's: close() stops the broker and keeps the data.
        broker.close();
    }
}
