package dev.skein.loadtool.scenario;

import static dev.skein.loadtool.ToolRun.field;
import static dev.skein.loadtool.ToolRun.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.loadtool.NodeServer;
import dev.skein.loadtool.ToolRun;
import dev.skein.loadtool.cli.LoadToolMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart scenario against the stock y-websocket server, with the same kill (SIGKILL by pid)
 * and restart command (bench/system/lib/restart-node-server.sh) as the benchmark. That server keeps
 * documents in memory only, so the sane outcome is: every acknowledged update lost, the restarted
 * server working again, and the run reported as failed (exit 1).
 */
class RestartIT {

    @TempDir
    Path temp;

    private NodeServer server;

    @AfterEach
    void stopRestartedServer() throws IOException {
        if (server != null) {
            server.close();
        }
        Path pidFile = temp.resolve(NodeServer.Y_WEBSOCKET + ".pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void anInMemoryServerLosesWhatItAcknowledgedAndWorksAgainAfterTheRestart() {
        server = NodeServer.start(NodeServer.Y_WEBSOCKET, temp);
        String restart = "bash '" + NodeServer.benchDir().resolve("lib").resolve("restart-node-server.sh") + "' "
                + NodeServer.Y_WEBSOCKET + " " + server.port() + " '" + temp + "'";
        ToolRun run = ToolRun.of("restart", "--url", server.urlTemplate(), "--kill-pid", Long.toString(server.pid()),
                "--restart-command", restart, "--rate", "50", "--duration", "2", "--kill-after", "1",
                "--post-updates", "20", "--restart-timeout", "60", "--reconnect-timeout", "30");
        assertEquals(LoadToolMain.EXIT_CHECKS_FAILED, run.exitCode(), run.describe());
        Map<String, Object> json = run.json();
        assertEquals(false, json.get("ok"));
        double acknowledged = number(json, "acknowledged");
        assertTrue(acknowledged >= 20 && acknowledged <= number(json, "updates_sent"), run.describe());
        assertEquals(acknowledged, number(json, "lost_acknowledged"), run.describe());
        assertEquals(true, field(json, "clients_disconnected_by_the_kill"), run.describe());
        assertEquals(true, field(json, "post_restart_delivered"), run.describe());
        assertEquals(20.0, number(json, "post_restart_updates"));
        assertTrue(String.valueOf(json.get("killed")).contains(Long.toString(server.pid())), run.describe());
    }
}
