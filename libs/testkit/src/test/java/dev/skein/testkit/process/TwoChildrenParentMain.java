package dev.skein.testkit.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Test parent: starts two {@link SlowStopMain} children one after the other (logs in
 * {@code args[0]} and {@code args[1]}), then exits normally, leaving both to the process reaper.
 */
public final class TwoChildrenParentMain {

    private TwoChildrenParentMain() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            Path log = Path.of(args[i]);
            ChildProcess child = ChildProcess.java(i == 0 ? "older" : "newer")
                    .classpath(System.getProperty("java.class.path"))
                    .mainClass(SlowStopMain.class.getName())
                    .logFile(log)
                    .shutdownGrace(Duration.ofSeconds(10))
                    .start();
            child.awaitReady(Duration.ofSeconds(30), () -> Files.readString(log).contains(SlowStopMain.READY));
        }
        System.exit(0);
    }
}
