package dev.skein.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.process.ChildProcessException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and closing brokers, each test with its own. */
class KafkaBrokerLifecycleTest {

    @TempDir
    Path tempDir;

    @Test
    void stopLeavesNoProcessAliveAndCloseDeletesTheTemporaryData() throws Exception {
        KafkaBroker kafka = KafkaBroker.start();
        Path dir = kafka.dataDir();
        long pid = kafka.pid();
        assertTrue(Files.isRegularFile(kafka.logFile()));

        kafka.stop();

        assertFalse(kafka.isRunning());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(List.of(), processesMentioning(dir), "neither broker nor formatter is left");
        assertTrue(Files.isDirectory(dir), "stop keeps the data for a restart");

        kafka.close();

        assertFalse(Files.exists(dir), "close deletes a temporary data directory");
        assertThrows(IllegalStateException.class, kafka::restart);
    }

    @Test
    void aGivenDataDirectoryIsKeptAndReused() throws Exception {
        Path dataDir = tempDir.resolve("kafka");
        KafkaBroker.Options options = KafkaBroker.Options.defaults().dataDir(dataDir).defaultPartitions(2);
        try (KafkaBroker first = KafkaBroker.start(options)) {
            first.createTopics(Map.of("kept", 3));
            KafkaRecords.produce(first.bootstrapServers(), "kept", 10);
        }
        assertTrue(Files.exists(dataDir.resolve("data").resolve("meta.properties")), "close keeps a given directory");

        try (KafkaBroker second = KafkaBroker.start(options)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                assertTrue(admin.listTopics().names().get().contains("kept"));
            }
            assertEquals(10, KafkaRecords.consume(second.bootstrapServers(), "kept", 10).size());
        }
    }

    @Test
    void aBrokerThatCannotStartReportsTheEndOfItsLog() {
        // In a directory of the test's, since a failed start keeps its directory for inspection.
        KafkaBroker.Options broken = KafkaBroker.Options.defaults()
                .dataDir(tempDir.resolve("broken"))
                .brokerProperty("num.io.threads", "not-a-number");

        ChildProcessException error = assertThrows(ChildProcessException.class, () -> KafkaBroker.start(broken));

        assertTrue(error.getMessage().contains("num.io.threads"), error.getMessage());
        assertTrue(error.getMessage().contains("broker.log"), error.getMessage());
    }

    @Test
    void optionsRejectNonsense() {
        KafkaBroker.Options defaults = KafkaBroker.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.port(70_000));
        assertThrows(IllegalArgumentException.class, () -> defaults.maxHeap("lots"));
        assertThrows(IllegalArgumentException.class, () -> defaults.defaultPartitions(0));
        assertEquals(Set.of(), defaults.brokerProperties().keySet());
        assertEquals("1g", defaults.maxHeap("1g").maxHeap());
        assertEquals("512m", defaults.maxHeap(), "options are immutable");
    }

    private static List<ProcessHandle> processesMentioning(Path dir) {
        String needle = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(needle))
                .toList();
    }
}
