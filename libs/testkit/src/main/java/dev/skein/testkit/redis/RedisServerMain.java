package dev.skein.testkit.redis;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code redis-server} inside a small child JVM, so that the testkit's
 * {@link dev.skein.testkit.process.ChildProcess} machinery (log file, readiness wait, stop and kill
 * of the whole process tree, and the watchdog that ends the child when the parent JVM dies) covers
 * a native server too. Redis itself has no way to notice that its parent died.
 *
 * <p>Arguments: the {@code redis-server} command line. Redis writes to this JVM's standard output
 * (the child's log); its standard input is {@code /dev/null}, because the JVM's own standard input
 * is the watchdog's lifeline.
 *
 * <p>This class is copied alone into a directory that becomes the child's classpath, so it must
 * not use any other class of the testkit, nor nested or anonymous classes (lambdas are fine).
 */
public final class RedisServerMain {

    private static final long STOP_GRACE_SECONDS = 5;

    private RedisServerMain() {
    }

    /**
     * Starts Redis and exits with its status when it ends; ending this JVM (SIGTERM, or the
     * watchdog) stops Redis first.
     */
    public static void main(String[] args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(args))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(new File("/dev/null"));
        Process redis = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(redis), "redis-stop"));
        System.exit(redis.waitFor());
    }

    private static void stop(Process redis) {
        if (!redis.isAlive()) {
            return;
        }
        redis.destroy();
        try {
            if (!redis.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        } catch (InterruptedException e) {
            redis.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
