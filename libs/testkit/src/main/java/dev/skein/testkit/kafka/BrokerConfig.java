package dev.skein.testkit.kafka;

import dev.skein.testkit.net.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server.properties} of a single-node KRaft cluster: one process is both broker and
 * controller, listens on 127.0.0.1 only, and replicates nothing.
 */
final class BrokerConfig {

    private static final int NODE_ID = 1;

    private BrokerConfig() {
    }

    /** The broker's settings, {@code overrides} last so that they win. */
    static Map<String, String> properties(int port, int controllerPort, Path logDir, int defaultPartitions,
            Map<String, String> overrides) {
        String host = FreePorts.LOOPBACK_HOST;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(defaultPartitions));
        // One node: every internal topic must be satisfied by a single replica.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer offsets partitions than the default 50: the first consumer group of a test then
        // waits for 5 partitions to be created, not 50, on a small machine.
        p.put("offsets.topic.num.partitions", "5");
        // After a crash the controller refuses the restarted broker until the old incarnation's
        // session expires (default 9 s); a shorter session makes kill-and-restart tests quick.
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "1000");
        // Consumers join at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Services create their topics; a typo in a topic name must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        p.putAll(overrides);
        return p;
    }

    /** Writes {@code properties} as a Java properties file. */
    static void write(Path file, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# Written by dev.skein.testkit.kafka.KafkaBroker at every start\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Backslashes (Windows paths) are escape characters in properties files. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
