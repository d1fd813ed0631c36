package dev.skein.testkit.process;

/**
 * Tells whether a child process is ready to serve, e.g. whether its port answers.
 *
 * <p>Called repeatedly by {@link ChildProcess#awaitReady(java.time.Duration, ReadinessProbe)}
 * until it returns {@code true}; an exception counts as "not yet" and the last one is reported if
 * the child never becomes ready.
 */
@FunctionalInterface
public interface ReadinessProbe {

    /** {@code true} once the child is ready. */
    boolean isReady() throws Exception;
}
