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
    @Order(0)
    void coldstartReportsWindowsFromTheReadyLine() throws IOException {
        // first, before anything warmed the services up
        String readyAt = Files.readString(dir.resolve("skein-ready.ms")).strip();
        ToolRun run = ToolRun.of("coldstart", "--url", url(), "--clients", "10", "--rate", "100", "--duration", "4",
                "--window", "2", "--ready-at-ms", readyAt);
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        List<?> windows = (List<?>) field(run.json(), "windows");
        assertEquals(2, windows.size(), run.describe());
        double first = ((Number) ((Map<?, ?>) windows.get(0)).get("from_s_after_ready")).doubleValue();
        double second = ((Number) ((Map<?, ?>) windows.get(1)).get("from_s_after_ready")).doubleValue();
        assertTrue(first >= 0 && second > first, run.describe());
        assertEquals(0.0, number(run.json(), "lost"));
    }

    @Test
    @Order(1)
    void fanoutThroughTheGatewayDeliversEverything() throws IOException {
        ToolRun run = ToolRun.of("fanout", "--url", url(), "--clients", "10", "--rate", "100", "--duration", "2",
                "--cpu-pid", cpuPids());
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<String, Object> json = run.json();
        assertEquals(0.0, number(json, "lost"));
        assertEquals(0.0, number(json, "duplicates"));
        assertEquals(true, field(json, "converged"));
        ScenariosIT.saneLatency(json, "latency");
        // browser-like clients: every connection offered permessage-deflate and the gateway agreed
        assertEquals(number(json, "client.connections"), number(json, "client.connections_with_permessage_deflate"));
        assertTrue(number(json, "server_cpu_s_per_100k_deliveries.gateway") > 0, run.describe());
        assertTrue(number(json, "server_cpu_s_per_100k_deliveries.total")
            >= number(json, "server_cpu_s_per_100k_deliveries.kafka"), run.describe());
    }

    @Test
    @Order(1)
    void fanoutWithoutCompressionOffersNone() {
        ToolRun run = ToolRun.of("fanout", "--url", url(), "--clients", "5", "--rate", "50", "--duration", "1",
                "--no-compression");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        assertEquals(0.0, number(run.json(), "client.connections_with_permessage_deflate"));
    }

    @Test
    @Order(1)
    void fanoutWithReadersOnTheOtherGatewayGoesThroughKafka() throws IOException {
        String gateway2 = Files.readString(dir.resolve("skein-gateway2.url")).strip() + "/{doc}";
        ToolRun run = ToolRun.of("fanout", "--url", url(), "--reader-url", gateway2, "--clients", "10", "--rate", "100",
                "--duration", "2");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        assertEquals(gateway2, field(run.json(), "reader_url"));
        assertEquals(0.0, number(run.json(), "lost"));
        assertEquals(true, field(run.json(), "converged"));
    }

    @Test
    @Order(1)
    void aBurstingClientIsPacedAndStaysConnected() {
        ToolRun run = ToolRun.of("fanout", "--url", url(), "--clients", "5", "--rate", "50", "--duration", "3", "--burst");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        double perSecond = number(run.json(), "burst.per_s");
        // the gateway paces at 500 messages/s after a burst of 1,000 (a 3 s run lets ~2,500 through);
        // a server that reads as fast as the client sends lets thousands a second through
        assertTrue(perSecond > 50 && perSecond < 1_500, run.describe());
        assertEquals(true, field(run.json(), "burst.still_open"));
        assertEquals(0.0, number(run.json(), "lost"));
    }

    @Test
    @Order(2)
    void bigdocJoinsGetTheWholeB4DocumentFromSkein() {
        ToolRun run = ToolRun.of("bigdoc", "--url", url(), "--joins", "3", "--trace", Traces.b4().toString());
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        assertEquals(true, field(run.json(), "all_full"));
        // the gateway compresses the sync answer: fewer bytes on the wire than the document's
        assertTrue(number(run.json(), "bytes.on_the_wire_per_join") < number(run.json(), "bytes.received_per_join") / 2,
            run.describe());
    }

    @Test
    @Order(2)
    void docapiReadsTheB4DocumentEditsAndStreamsIntoReaders() {
        ToolRun run = ToolRun.of("docapi", "--url", url(), "--api-url", "http://127.0.0.1:" + docPort,
                "--trace", Traces.b4().toString(), "--warmup-reads", "2", "--reads", "5", "--edits", "10",
                "--chunks", "400", "--chunk-rate", "200", "--readers", "5");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + logs());
        Map<String, Object> json = run.json();
        assertEquals(0.0, number(json, "content.wrong_answers"));
        assertEquals(5.0, number(json, "content.latency.count"));
        assertTrue(number(json, "content.json_bytes") > 100_000, run.describe());
        assertEquals(10.0, number(json, "edit.visible_after_return.count"));
        assertEquals(0.0, number(json, "edit.unseen"));
        assertEquals(400.0, number(json, "stream.chunks_sent"));
        assertEquals(2000.0, number(json, "stream.server_characters"));
        assertEquals(5.0, number(json, "stream.readers_with_the_whole_text"));
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
        double reference = ((Number) bytes.get("reference_compacted_update")).doubleValue();
        // the snapshot is the compacted document and its 36-byte object header (docs/storage.md); not
        // compared with the batches: the gateway merges keystrokes read together, so they are compact too
        assertTrue(written > 0 && compacted > 0 && compacted <= reference + 36, run.describe());
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

    /** Every process of the local run, named, as the bench passes them ({@code skein_cpu_pids}). */
    private static String cpuPids() throws IOException {
        String launcher = Files.readString(dir.resolve("skein.pid")).strip();
        Path out = dir.resolve("cpu-pids.txt");
        try {
            bash("source '" + NodeServer.benchDir().resolve("lib/common.sh") + "' && skein_cpu_pids " + launcher + " "
                + gatewayPort + " >'" + out + "'", 30);
        } catch (Exception e) {
            throw new IOException(e);
        }
        return Files.readString(out).strip();
    }

    private static String url() {
        return "ws://127.0.0.1:" + gatewayPort + "/ws/{doc}";
    }

    /** The launcher's output and the last lines of the services' logs: CI keeps only what a failure prints. */
    private static String logs() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("\n--- skein.err ---\n").append(Files.readString(dir.resolve("skein.err")));
        } catch (IOException e) {
            out.append("\n(no skein.err: ").append(e.getMessage()).append(')');
        }
        Path serviceLogs = dir.resolve("skein-data/logs");
        for (String service : List.of("gateway-service", "doc-service")) {
            try {
                List<String> lines = Files.readAllLines(serviceLogs.resolve(service + ".log"));
                out.append("\n--- last lines of ").append(service).append(".log ---\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
            } catch (IOException e) {
                out.append("\n(no ").append(service).append(".log: ").append(e.getMessage()).append(')');
            }
        }
        return out.toString();
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
