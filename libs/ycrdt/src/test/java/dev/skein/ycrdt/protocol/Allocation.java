package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates, so tests can bound what a decoder allocates for its input. */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** Bytes allocated by the current thread so far; fails if the JVM cannot tell. */
    static long allocated() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not report per-thread allocation");
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Bytes {@code action} allocates on its second run; the first pays for class loading and
     * call-site linkage, which say nothing about the code under test.
     */
    static long onWarmPath(Runnable action) {
        action.run();
        long before = allocated();
        action.run();
        return allocated() - before;
    }

    /**
     * The most a decoder may allocate for an input of {@code length} bytes: a fixed allowance
     * (an exception with its stack trace, small collections) plus a constant factor of the input,
     * since JSON parsing boxes values. Anything driven by a length field instead of the input
     * size (a forged 4 GB payload) is far beyond this.
     */
    static long budget(int length) {
        return 64 * 1024 + 32L * length;
    }
}
