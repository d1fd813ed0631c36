package dev.skein.testkit.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Test child that starts a grandchild ({@link BlockingMain}) with {@link ChildProcess}, prints the
 * grandchild's pid and blocks, so that a test can kill this parent with SIGKILL and watch the
 * grandchild go.
 */
public final class SpawningParentMain {

    static final String PID_PREFIX = "grandchild-pid=";

    private SpawningParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path log = Path.of(args[0]);
        ChildProcess grandchild = ChildProcess.java("grandchild")
                .classpath(System.getProperty("java.class.path"))
                .mainClass(BlockingMain.class.getName())
                .logFile(log)
                .shutdownGrace(Duration.ofSeconds(5))
                .start();
        grandchild.awaitReady(Duration.ofSeconds(30), () -> Files.readString(log).contains(BlockingMain.READY));
        System.out.println(PID_PREFIX + grandchild.pid());
        new CountDownLatch(1).await();
    }
}
