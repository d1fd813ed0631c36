package dev.skein.testkit.kafka;

import java.util.Map;

/**
 * A running Kafka cluster that tests can talk to and break.
 *
 * <p>{@link KafkaBroker} implements it with a broker in a child JVM. The interface exists so that
 * another implementation (for example a container where Docker is available) can be put behind
 * the same API without touching the tests.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /**
     * Creates topics with replication factor 1 and waits until the controller has created them.
     * Topics that already exist are left as they are, so shared clusters can be prepared by every
     * test that needs them.
     *
     * @param nameToPartitions topic name to partition count
     */
    void createTopics(Map<String, Integer> nameToPartitions);

    /** Stops the cluster gracefully; its data stays, and {@link #restart()} brings it back. */
    void stop();

    /** Kills the cluster at once (SIGKILL), as a crash would; {@link #restart()} brings it back. */
    void kill();

    /**
     * Starts the cluster again on the same ports with the same data, stopping it gracefully first
     * if it runs, and waits until it answers.
     */
    void restart();

    /** Whether the cluster's process is running. */
    boolean isRunning();

    /** Stops the cluster for good and deletes its data unless the caller owns the data directory. */
    @Override
    void close();
}
