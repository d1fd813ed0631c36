package dev.skein.testkit.kafka;

import dev.skein.testkit.net.FreePorts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** What the testkit asks a broker through the Admin client: is it up, and create topics. */
final class BrokerAdmin {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final long LEADER_POLL_MILLIS = 20;

    private BrokerAdmin() {
    }

    /**
     * {@code true} once the broker on {@code port} answers {@code describeCluster} with at least
     * one live node. The port is tried with a plain socket first, so that no Admin client (and
     * none of its connection warnings) exists before the broker listens.
     */
    static boolean answers(int port) throws Exception {
        if (!accepts(port)) {
            return false;
        }
        try (Admin admin = admin(FreePorts.LOOPBACK_HOST + ":" + port, PROBE_TIMEOUT)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes()
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
        }
    }

    /**
     * Creates the topics that do not exist yet, replication factor 1, and waits until the broker
     * leads every partition of them.
     */
    static void createTopics(String bootstrapServers, Map<String, Integer> nameToPartitions) {
        if (nameToPartitions.isEmpty()) {
            return;
        }
        try (Admin admin = admin(bootstrapServers, CREATE_TIMEOUT)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(nameToPartitions.entrySet().stream()
                            .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                            .toList())
                    .values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
            awaitLeaders(admin, nameToPartitions.keySet());
        }
    }

    /**
     * The controller confirms a topic before the broker has applied it to its metadata; a
     * producer that comes in between gets NOT_LEADER_OR_FOLLOWER and retries. Waiting here keeps
     * those retries (and their warnings) out of every test.
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics) {
        long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
        while (!allPartitionsLed(admin, topics)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Partitions of " + topics + " have no leader after " + CREATE_TIMEOUT);
            }
            pause();
        }
    }

    private static boolean allPartitionsLed(Admin admin, Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames()
                    .get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("Could not describe topics " + topics, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not describe topics " + topics + " within " + CREATE_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics " + topics, e);
        }
    }

    /** Between two metadata polls; the broker offers no notification to wait on instead. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(LEADER_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for partition leaders", e);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> result) {
        try {
            result.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " was not created within " + CREATE_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.loopback(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates the Admin client with this class's loader as the thread's context loader: Kafka
     * loads its plugins (the JMX reporter) through the context loader, which in a
     * {@code @QuarkusTest} is Quarkus's loader with its own copy of kafka-clients, while the shared
     * broker host runs on the system loader's copy; mixing the two fails with a ClassCastException.
     */
    private static Admin admin(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BrokerAdmin.class.getClassLoader());
        try {
            return Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "skein-testkit",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
