package dev.skein.loadtool.scenario;

import static dev.skein.loadtool.ToolRun.field;
import static dev.skein.loadtool.ToolRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.loadtool.NodeServer;
import dev.skein.loadtool.ToolRun;
import dev.skein.loadtool.cli.LoadToolMain;
import dev.skein.loadtool.trace.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenarios against Skein's local run (Kafka, doc-service, gateway), started and restarted with
 * the benchmark's own scripts (bench/system/lib): {@code start_skein} runs {@code run-local.sh}
 * with the services this build packaged. The restart test kills doc-service with SIGKILL; the
 * launcher then stops the run and {@code restart-skein.sh} starts it again on the same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkeinLocalRunIT {

    private static Path dir;
    private static int gatewayPort;
    private static int docPort;
    private static int persistencePort;

    @BeforeAll
    static void startSkein() throws Exception {
        Path repo = NodeServer.benchDir().resolve("..").resolve("..").normalize();
        for (String module : List.of("gateway-service", "doc-service")) {
            if (!Files.isRegularFile(repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))) {
                fail(module + " is not packaged; build the services first (./mvnw install -DskipTests, or ./mvnw verify from the root)");
            }
        }
        if (!Files.isRegularFile(repo.resolve("local-run/target/runtime-classpath.txt"))) {
            fail("local-run is not built; build it first (./mvnw install -DskipTests, or ./mvnw verify from the root)");
        }
        dir = Files.createDirectories(Path.of("target", "it-skein").toAbsolutePath());
        deleteRecursively(dir.resolve("skein-data"));
        gatewayPort = NodeServer.freePort();
        docPort = NodeServer.freePort();
        persistencePort = NodeServer.freePort();
        bash("source '" + NodeServer.benchDir().resolve("lib/common.sh") + "' && BENCH_DIR='" + NodeServer.benchDir()
                + "' REPO_DIR='" + repo + "' start_skein '" + dir + "' " + gatewayPort + " " + docPort + " " + persistencePort, 330);
    }

    @AfterAll
    static void stopSkein() throws IOException {
        if (dir == null || !Files.exists(dir.resolve("skein.pid"))) {
            return;
        }
        long launcher = Long.parseLong(Files.readString(dir.resolve("skein.pid")).strip());
        ProcessHandle.of(launcher).ifPresent(handle -> {
            List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
            handle.destroy();
            handle.onExit().orTimeout(90, TimeUnit.SECONDS).exceptionally(e -> handle).join();
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
    }

    @Test
    @Order(1)
    void fanoutThroughTheGatewayDeliversEverything() {
        ToolRun run = ToolRun.of("fanout", "--url", url(), "--clients", "10", "--rate", "100", "--duration", "2");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<String, Object> json = run.json();
        assertEquals(0.0, number(json, "lost"));
        assertEquals(0.0, number(json, "duplicates"));
        assertEquals(true, field(json, "converged"));
        ScenariosIT.saneLatency(json, "latency");
    }

    @Test
    @Order(2)
    void bigdocJoinsGetTheWholeB4DocumentFromSkein() {
        ToolRun run = ToolRun.of("bigdoc", "--url", url(), "--joins", "3", "--trace", Traces.b4().toString());
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        assertEquals(true, field(run.json(), "all_full"));
    }

    @Test
    @Order(3)
    void idleReadsTheGatewaysResidentMemoryAndLiveHeap() throws IOException {
        String gateway = Files.readString(dir.resolve("skein-gateway.pid")).strip();
        ToolRun run = ToolRun.of("idle", "--url", url(), "--connections", "40", "--settle", "0.5",
                "--server-pid", gateway, "--jvm-heap");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<?, ?> memory = (Map<?, ?>) ((List<?>) field(run.json(), "servers")).get(0);
        assertTrue(((Number) memory.get("heap_before_kib")).doubleValue() > 1024, "gateway heap: " + memory);
        assertTrue(memory.containsKey("heap_kib_per_connection") && memory.containsKey("kib_per_connection"), memory.toString());
    }

    @Test
    @Order(4)
    void storageWritesTheTraceDurablyAndReportsBytesAndLatency() {
        ToolRun run = ToolRun.of("storage", "--url", url(), "--persistence-url", "http://127.0.0.1:" + persistencePort,
                "--trace", Traces.b4().toString(), "--keystrokes", "3000", "--rate", "1000");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<String, Object> json = run.json();
        assertEquals(true, field(json, "stored_state_intact"));
        Map<?, ?> bytes = (Map<?, ?>) field(json, "bytes");
        double written = ((Number) bytes.get("batch_objects_written")).doubleValue();
        double compacted = ((Number) bytes.get("newest_snapshot")).doubleValue();
        assertTrue(written > 0 && compacted > 0 && compacted <= written, run.describe());
        assertTrue(number(json, "batch_objects") >= 1, run.describe());
        Map<?, ?> latency = (Map<?, ?>) field(json, "arrival_to_durable_ms");
        assertTrue(((Number) latency.get("p50")).doubleValue() > 0, run.describe());
    }

    @Test
    @Order(5)
    void nothingAcknowledgedIsLostWhenDocServiceIsKilled() throws IOException {
        String docPid = Files.readString(dir.resolve("skein-doc.pid")).strip();
        String restart = "bash '" + NodeServer.benchDir().resolve("lib/restart-skein.sh") + "' '" + dir + "' "
                + gatewayPort + " " + docPort + " " + persistencePort;
        ToolRun run = ToolRun.of("restart", "--url", url(), "--kill-pid", docPid, "--restart-command", restart,
                "--rate", "50", "--duration", "3", "--kill-after", "1.5", "--post-updates", "20",
                "--restart-timeout", "300", "--reconnect-timeout", "120");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<String, Object> json = run.json();
        assertTrue(number(json, "acknowledged") > 0, run.describe());
        assertEquals(0.0, number(json, "lost_acknowledged"), run.describe());
        assertEquals(true, field(json, "post_restart_delivered"));
    }

    private static String url() {
        return "ws://127.0.0.1:" + gatewayPort + "/ws/{doc}";
    }

    private static String logs() {
        try {
            return "\n--- skein.err ---\n" + Files.readString(dir.resolve("skein.err"));
        } catch (IOException e) {
            return "";
        }
    }

    /** A fresh data folder each run: the broker's log of a previous run is not this run's. */
    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void bash(String script, int timeoutSeconds) throws Exception {
        Path output = dir.resolve("start.log");
        Process process = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("starting Skein did not finish within " + timeoutSeconds + " s\n" + Files.readString(output) + logs());
        }
        if (process.exitValue() != 0) {
            fail("starting Skein failed\n" + Files.readString(output) + logs());
        }
    }
}
