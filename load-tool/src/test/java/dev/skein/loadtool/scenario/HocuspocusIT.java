package dev.skein.loadtool.scenario;

import static dev.skein.loadtool.ToolRun.field;
import static dev.skein.loadtool.ToolRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.loadtool.NodeServer;
import dev.skein.loadtool.ToolRun;
import dev.skein.loadtool.cli.LoadToolMain;
import dev.skein.loadtool.trace.Traces;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hocuspocus framing against a real @hocuspocus/server 4 (auth first, document names in every frame). */
class HocuspocusIT {

    private static NodeServer server;

    @BeforeAll
    static void startServer() {
        server = NodeServer.start(NodeServer.HOCUSPOCUS, Path.of("target", "it-servers"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fanoutOverHocuspocusDeliversEverything() {
        ToolRun run = ToolRun.of("fanout", "--url", server.urlTemplate(), "--protocol", "hocuspocus",
                "--clients", "5", "--rate", "50", "--duration", "1.5");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + server.log());
        Map<String, Object> json = run.json();
        assertEquals("hocuspocus", json.get("protocol"));
        assertEquals(0.0, number(json, "lost"));
        assertEquals(true, field(json, "converged"));
        assertEquals(number(json, "updates_sent") * 5, number(json, "deliveries"));
        ScenariosIT.saneLatency(json, "latency");
    }

    @Test
    void bigdocOverHocuspocusGetsTheWholeDocument() {
        ToolRun run = ToolRun.of("bigdoc", "--url", server.urlTemplate(), "--protocol", "hocuspocus",
                "--joins", "2", "--trace", Traces.b4().toString());
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode(), run.describe() + server.log());
        assertEquals(true, field(run.json(), "all_full"));
    }
}
