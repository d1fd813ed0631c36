package dev.skein.loadtool.scenario;

import static dev.skein.loadtool.ToolRun.field;
import static dev.skein.loadtool.ToolRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.loadtool.NodeServer;
import dev.skein.loadtool.ToolRun;
import dev.skein.loadtool.cli.LoadToolMain;
import dev.skein.loadtool.trace.Traces;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Short, bounded runs of the scenarios against the real stock y-websocket server (Node, from
 * bench/system/node_modules): the JSON result line has its fields, and they are sane.
 */
class ScenariosIT {

    private static NodeServer server;

    @BeforeAll
    static void startServer() {
        server = NodeServer.start(NodeServer.Y_WEBSOCKET, Path.of("target", "it-servers"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fanoutDeliversEveryUpdateToEveryReaderOnce() {
        ToolRun run = ToolRun.of("fanout", "--url", server.urlTemplate(), "--clients", "10", "--rate", "100",
                "--duration", "2", "--lead-in", "1");
        Map<String, Object> json = checked(run);
        double sent = number(json, "updates_sent");
        // the lead-in's 100 updates are checked for loss but not counted or timed
        assertEquals(1.0, number(json, "lead_in_s"));
        assertTrue(sent >= 150 && sent <= 201, "about 200 updates in 2 s at 100/s: " + sent);
        assertEquals(sent * 10, number(json, "deliveries"));
        assertEquals(0.0, number(json, "lost"));
        assertEquals(0.0, number(json, "duplicates"));
        assertEquals(true, field(json, "converged"));
        assertEquals(sent * 10, number(json, "latency.count"));
        saneLatency(json, "latency");
        generatorReported(json);
        // browser-like clients offer permessage-deflate; @y/websocket-server does not take it up
        assertEquals(true, field(json, "client.offers_permessage_deflate"));
        assertEquals(0.0, number(json, "client.connections_with_permessage_deflate"));
    }

    @Test
    void throughputWithSaturationReportsEachStep() {
        ToolRun run = ToolRun.of("throughput", "--url", server.urlTemplate(), "--docs", "10", "--rate", "50",
                "--duration", "2", "--saturate", "--max-steps", "1", "--step-duration", "1");
        Map<String, Object> json = checked(run);
        assertEquals(0.0, number(json, "lost"));
        assertEquals(true, field(json, "converged"));
        assertTrue(number(json, "delivered_per_s") > 250, run.describe());
        saneLatency(json, "latency");
        List<?> steps = (List<?>) field(json, "saturation.steps");
        assertEquals(1, steps.size());
        assertTrue(number(json, "saturation.sustained_rate_per_doc_per_s") >= 50, run.describe());
        generatorReported(json);
    }

    @Test
    void bigdocJoinsGetTheWholeB4Document() {
        ToolRun run = ToolRun.of("bigdoc", "--url", server.urlTemplate(), "--joins", "3", "--warmup-joins", "2",
                "--trace", Traces.b4().toString());
        Map<String, Object> json = checked(run);
        assertEquals(259_778.0, number(json, "keystroke_updates"));
        assertEquals(104_852.0, number(json, "final_characters"));
        assertEquals(true, field(json, "all_full"));
        assertEquals(3.0, number(json, "join.count"));
        assertEquals(2.0, number(json, "warmup_joins"));
        // the trace's fixed client id: the same document for every server and run
        assertEquals(276_982.0, number(json, "document_update_bytes"));
        assertTrue(number(json, "bytes.received_per_join") > 100_000, run.describe());
        saneLatency(json, "join");
    }

    @Test
    void idleReadsTheServersMemoryAroundTheConnections() {
        ToolRun run = ToolRun.of("idle", "--url", server.urlTemplate(), "--connections", "60", "--settle", "0.5",
                "--server-pid", Long.toString(server.pid()));
        Map<String, Object> json = checked(run);
        assertEquals(60.0, number(json, "connections"));
        assertEquals(60.0, number(json, "connections_open_at_end"));
        assertEquals(30.0, number(json, "readers_with_the_edit"));
        Map<?, ?> memory = (Map<?, ?>) ((List<?>) field(json, "servers")).get(0);
        assertEquals((double) server.pid(), memory.get("pid"));
        assertTrue(((Number) memory.get("rss_before_kib")).doubleValue() > 10_000, "node's RSS: " + memory);
        assertTrue(memory.containsKey("kib_per_connection") && memory.containsKey("kib_per_document"));
    }

    private static Map<String, Object> checked(ToolRun run) {
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe());
        Map<String, Object> json = run.json();
        assertEquals(true, json.get("ok"), run.describe());
        assertEquals("y-websocket", json.get("protocol"));
        return json;
    }

    static void saneLatency(Map<String, Object> json, String name) {
        double p50 = number(json, name + ".p50_ms");
        double p99 = number(json, name + ".p99_ms");
        double max = number(json, name + ".max_ms");
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max && max < 30_000, name + ": " + field(json, name));
    }

    static void generatorReported(Map<String, Object> json) {
        assertTrue(number(json, "generator.cpu_s") > 0, "generator: " + field(json, "generator"));
        assertTrue(number(json, "generator.pacing_lag.count") > 0, "generator: " + field(json, "generator"));
    }
}
