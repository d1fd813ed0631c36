package dev.skein.testkit.kafka;

import java.util.Map;

/**
 * Management interface of the JVM's shared broker (see {@link SharedKafkaBroker}), registered as
 * {@value SharedKafkaBroker#OBJECT_NAME}.
 *
 * <p>The platform MBean server is shared by every class loader of a JVM and calls operations by
 * name, so test code loaded by any Quarkus class loader can drive the one broker that another
 * loader started. It also shows the broker in JConsole. Tests use {@link SharedKafkaBroker#get()}
 * rather than this interface.
 */
public interface SharedKafkaBrokerMBean {

    /** See {@link KafkaCluster#bootstrapServers()}. */
    String getBootstrapServers();

    /** The broker's directory. */
    String getDataDir();

    /** The broker's log file. */
    String getLogFile();

    /** See {@link KafkaCluster#isRunning()}. */
    boolean isRunning();

    /** See {@link KafkaCluster#createTopics(Map)}. */
    void createTopics(Map<String, Integer> nameToPartitions);

    /** See {@link KafkaCluster#stop()}. */
    void stop();

    /** See {@link KafkaCluster#kill()}. */
    void kill();

    /** See {@link KafkaCluster#restart()}. */
    void restart();

    /** Closes the broker and unregisters it; the next {@link SharedKafkaBroker#get()} starts a new one. */
    void close();
}
