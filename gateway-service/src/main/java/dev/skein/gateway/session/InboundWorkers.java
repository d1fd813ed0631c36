package dev.skein.gateway.session;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that handle large inbound messages off the event loops ({@link InboundLane}). A
 * small fixed pool: large messages are rare, and a burst of them should queue rather than take
 * every core from the event loops.
 */
@ApplicationScoped
public class InboundWorkers implements Executor {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "skein-inbound-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
