package dev.skein.testkit.process;

import java.util.concurrent.CountDownLatch;

/** Test child: says it is ready, then blocks until it is stopped; tells when its shutdown hook runs. */
public final class BlockingMain {

    static final String READY = "blocking-main ready";
    static final String HOOK_RAN = "blocking-main shutdown hook ran";

    private BlockingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(HOOK_RAN)));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
