package dev.skein.testkit.kafka;

import dev.skein.testkit.process.ChildProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.Uuid;

/** Runs Kafka's own programs in child JVMs: the storage formatter and the broker. */
final class BrokerLauncher {

    private static final String BROKER_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final List<Path> classpath;
    private final String maxHeap;
    private final List<String> jvmArgs;
    private final Duration shutdownGrace;

    /**
     * @param jvmArgs further options of the broker's JVM (not the formatter's)
     * @param shutdownGrace how long the broker may take to shut down when the parent JVM exits;
     *     zero for throw-away data, where a clean shutdown is wasted time
     */
    BrokerLauncher(List<Path> classpath, String maxHeap, List<String> jvmArgs, Duration shutdownGrace) {
        this.classpath = classpath;
        this.maxHeap = maxHeap;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Formats {@code logDir} for a new single-node cluster unless it already holds one; a KRaft
     * broker refuses to start on an unformatted directory.
     */
    void formatIfNeeded(Path config, Path logDir, Path logFile) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ChildProcess format = ChildProcess.java("kafka-storage-format")
                .classpath(classpath)
                .mainClass(STORAGE_TOOL_MAIN)
                .jvmArgs("-Xmx256m")
                .jvmArgs(loggingArgs())
                .args("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString())
                .logFile(logFile)
                .shutdownGrace(Duration.ZERO)
                .start();
        format.awaitSuccess(FORMAT_TIMEOUT);
    }

    /** Starts the broker; it is not waited for. */
    ChildProcess startBroker(Path config, Path logFile) {
        return ChildProcess.java("kafka-broker")
                .classpath(classpath)
                .mainClass(BROKER_MAIN)
                .jvmArgs("-Xmx" + maxHeap, "-Djava.awt.headless=true",
                        // A broker out of memory should fail visibly, not limp along.
                        "-XX:+ExitOnOutOfMemoryError")
                .jvmArgs(loggingArgs())
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .args(config.toString())
                .logFile(logFile)
                .shutdownGrace(shutdownGrace)
                .start();
    }

    /** slf4j-simple writes to standard error, which ChildProcess appends to the log file. */
    private static String[] loggingArgs() {
        return new String[] {
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
        };
    }
}
