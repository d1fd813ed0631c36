package dev.skein.loadtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.loadtool.ToolRun;
import org.junit.jupiter.api.Test;

class LoadToolMainTest {

    @Test
    void helpListsEveryScenario() {
        ToolRun run = ToolRun.of("--help");
        assertEquals(LoadToolMain.EXIT_OK, run.exitCode());
        for (String scenario : new String[] {"fanout", "throughput", "bigdoc", "idle", "restart"}) {
            assertTrue(run.stderr().contains(scenario), scenario + " missing from:\n" + run.stderr());
        }
        assertEquals("", run.stdout());
    }

    @Test
    void usageErrorsExitWithTwoAndPrintNothingOnStdout() {
        assertEquals(LoadToolMain.EXIT_USAGE, ToolRun.of("nosuch", "--url", "ws://127.0.0.1:1/{doc}").exitCode());
        assertEquals(LoadToolMain.EXIT_USAGE, ToolRun.of("fanout").exitCode());
        ToolRun typo = ToolRun.of("fanout", "--url", "ws://127.0.0.1:1/{doc}", "--clinets", "5");
        assertEquals(LoadToolMain.EXIT_USAGE, typo.exitCode());
        assertTrue(typo.stderr().contains("--clinets"), typo.stderr());
        assertEquals("", typo.stdout());
        assertEquals(LoadToolMain.EXIT_USAGE, ToolRun.of("fanout", "--url", "ws://127.0.0.1:1/ws").exitCode(),
                "a y-websocket URL without {doc}");
        assertEquals(LoadToolMain.EXIT_USAGE, ToolRun.of("restart", "--url", "ws://127.0.0.1:1/{doc}").exitCode(),
                "restart without a kill and a restart command");
    }

    @Test
    void aServerThatIsNotThereGivesAJsonErrorLineAndExitThree() {
        int closedPort = dev.skein.loadtool.NodeServer.freePort();
        ToolRun run = ToolRun.of("fanout", "--url", "ws://127.0.0.1:" + closedPort + "/{doc}", "--clients", "2",
                "--duration", "0.2", "--connect-timeout", "2");
        assertEquals(LoadToolMain.EXIT_COULD_NOT_RUN, run.exitCode(), run.describe());
        assertEquals(false, run.json().get("ok"));
        assertTrue(run.json().containsKey("error"), run.describe());
    }
}
