package dev.skein.localrun;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs all of Skein on this machine with one command: a Kafka broker, every service of
 * {@link Services} as a child JVM, and the demo editor page; with authentication (unless
 * {@code --no-auth}, or no JDK 21+ for Keycloak) also PostgreSQL, Keycloak and auth-service.
 *
 * <p>Standard output carries exactly one line, once everything is ready:
 * {@code Skein ready: editor http://127.0.0.1:8080/ gateway ws://127.0.0.1:8081/ws gateway2 ws://127.0.0.1:8086/ws}
 * (two gateway instances; the editor page picks the second with {@code ?gateway=2}), followed with
 * authentication by {@code  keycloak http://127.0.0.1:PORT auth http://127.0.0.1:8085}. Progress and
 * errors go to standard error. Ctrl-C (SIGINT) or SIGTERM stops everything that was started.
 *
 * <p>SIGHUP restarts the services on the running broker, S3 server and Redis (a deployment's
 * rollout, whose infrastructure stays up; also how a rebuilt service is picked up), and the ready
 * line is printed again once they are all back.
 *
 * <p>Exit status: 1 if starting failed or a component died, 2 for a bad command line, 0 for
 * {@code --help}; a stop by signal ends with the JVM's usual 130 (SIGINT) or 143 (SIGTERM) once
 * everything is stopped.
 */
public final class LocalRun {

    /** Exit status when starting failed or a component died. */
    public static final int EXIT_FAILED = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;

    /** How often the launcher checks that every component still runs. */
    private static final long WATCH_INTERVAL_MILLIS = 1_000;

    private LocalRun() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        quietLibraryLogging();
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(List.of(args), System.getenv(), Path.of("").toAbsolutePath());
        } catch (LocalRunOptions.UsageException e) {
            boolean help = e.getMessage() == null;
            if (!help) {
                System.err.println("skein: " + e.getMessage());
            }
            (help ? System.out : System.err).print(LocalRunOptions.usage());
            System.exit(help ? 0 : EXIT_USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static int run(LocalRunOptions options) {
        LocalStack stack = new LocalStack(options, line -> System.err.println("skein: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        // Ctrl-C and SIGTERM run shutdown hooks: stop every process this run started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            stack.close();
            stopped.countDown();
        }, "skein-local-run-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            // A component that dies because Ctrl-C stopped it is no start failure worth a log tail.
            String reason = e instanceof StartupException ? e.getMessage() : e.toString();
            System.err.println(stopRequested.get() ? "skein: stopped while starting" : "skein: could not start: " + reason);
            stack.close();
            return EXIT_FAILED;
        }
        System.out.println(stack.readyLine());
        System.out.flush();
        AtomicReference<String> restartFailure = new AtomicReference<>();
        restartOnHangup(stack, stopRequested, restartFailure);
        System.err.println("skein: press Ctrl-C to stop (SIGHUP restarts the services)");
        return watch(stack, stopped, restartFailure);
    }

    /** SIGHUP restarts the services, one restart after the other; a failed one ends the run. */
    private static void restartOnHangup(LocalStack stack, AtomicBoolean stopRequested,
            AtomicReference<String> failure) {
        ExecutorService restarts = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "skein-local-run-restart");
            thread.setDaemon(true);
            return thread;
        });
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> restarts.execute(() -> {
            System.err.println("skein: SIGHUP: restarting the services");
            try {
                stack.restartServices();
                System.out.println(stack.readyLine());
                System.out.flush();
            } catch (RuntimeException e) {
                if (!stopRequested.get()) {
                    failure.set(e instanceof StartupException ? e.getMessage() : e.toString());
                }
            }
        }));
        if (previous == sun.misc.SignalHandler.SIG_IGN) {
            // nohup: the JVM does not take over a signal ignored at its start
            System.err.println("skein: SIGHUP is ignored in this process (started with nohup?): no restarts by signal");
        }
    }

    /**
     * Waits for Ctrl-C; if a component dies or a restart fails first, reports it and fails (the
     * hook stops the rest).
     */
    private static int watch(LocalStack stack, CountDownLatch stopped, AtomicReference<String> restartFailure) {
        try {
            while (!stopped.await(WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (restartFailure.get() != null) {
                    System.err.println("skein: restart failed: " + restartFailure.get());
                    return EXIT_FAILED;
                }
                Optional<Component> dead = stack.firstDead();
                if (dead.isPresent()) {
                    System.err.println("skein: " + dead.get().failureReport());
                    System.err.println("skein: stopping everything because " + dead.get().name() + " stopped");
                    return EXIT_FAILED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The testkit logs through java.util.logging and the Kafka admin client through SLF4J; their
     * routine lines would bury the launcher's own progress, so only warnings pass.
     */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("java.util.logging.SimpleFormatter.format", "skein: %4$s %3$s: %5$s%6$s%n");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (var handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }
}
