package dev.skein.testkit.process;

import java.util.concurrent.CountDownLatch;

/**
 * Test child whose shutdown hook takes a second: it prints when its hook starts and when it ends
 * (wall-clock milliseconds), so that a test can tell whether another process was stopped meanwhile.
 */
public final class SlowStopMain {

    static final String READY = "slow-stop ready";
    static final String HOOK_START = "hook-start=";
    static final String HOOK_END = "hook-end=";
    private static final long HOOK_MILLIS = 1_000;

    private SlowStopMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(HOOK_START + System.currentTimeMillis());
            try {
                Thread.sleep(HOOK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println(HOOK_END + System.currentTimeMillis());
        }));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
