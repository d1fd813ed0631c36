package dev.skein.testkit.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.TestClasspath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int SIGTERM_STATUS = 128 + 15;
    private static final int SIGKILL_STATUS = 128 + 9;

    @TempDir
    Path dir;

    @Test
    void stopRunsTheChildsShutdownHooks() throws IOException {
        Path log = dir.resolve("child.log");
        ChildProcess child = startBlocking(log);
        child.awaitReady(READY_TIMEOUT, () -> logContains(log, BlockingMain.READY));

        int status = child.stop(Duration.ofSeconds(10));

        assertEquals(SIGTERM_STATUS, status);
        assertFalse(child.isAlive());
        assertTrue(Files.readString(log).contains(BlockingMain.HOOK_RAN));
    }

    @Test
    void killEndsTheChildAtOnce() throws IOException {
        Path log = dir.resolve("child.log");
        ChildProcess child = startBlocking(log);
        child.awaitReady(READY_TIMEOUT, () -> logContains(log, BlockingMain.READY));

        int status = child.kill();

        assertEquals(SIGKILL_STATUS, status);
        assertFalse(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.readString(log).contains(BlockingMain.HOOK_RAN));
    }

    @Test
    void childDiesWhenItsParentIsKilled() throws IOException {
        Path parentLog = dir.resolve("parent.log");
        ChildProcess parent = ChildProcess.java("parent")
                .classpath(TestClasspath.asString())
                .mainClass(SpawningParentMain.class.getName())
                .args(dir.resolve("grandchild.log").toString())
                .logFile(parentLog)
                .start();
        parent.awaitReady(READY_TIMEOUT, () -> logContains(parentLog, SpawningParentMain.PID_PREFIX));
        long grandchild = grandchildPid(parentLog);
        assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));

        // SIGKILL to the parent alone (ChildProcess.kill would take the whole tree): its shutdown
        // hooks never run, so only the watchdog in the grandchild can end it.
        ProcessHandle.of(parent.pid()).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> !parent.isAlive());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Files.readString(dir.resolve("grandchild.log")).contains(BlockingMain.HOOK_RAN),
                "the grandchild exits gracefully when its parent is gone");
    }

    @Test
    void atExitTheNewerChildIsStoppedBeforeTheOlderIsSignalled() throws IOException {
        Path older = dir.resolve("older.log");
        Path newer = dir.resolve("newer.log");
        ChildProcess parent = ChildProcess.java("parent")
                .classpath(TestClasspath.asString())
                .mainClass(TwoChildrenParentMain.class.getName())
                .args(older.toString(), newer.toString())
                .logFile(dir.resolve("parent.log"))
                .start();

        // the parent exits by itself once both children are ready; its process reaper stops them
        assertEquals(0, parent.awaitExit(Duration.ofSeconds(60)), "the parent's exit status");

        long newerEnd = loggedMillis(newer, SlowStopMain.HOOK_END);
        long olderStart = loggedMillis(older, SlowStopMain.HOOK_START);
        assertTrue(olderStart >= newerEnd, "the older child was signalled " + (newerEnd - olderStart)
                + " ms before the newer one had finished stopping (a broker gone under its services)");
        loggedMillis(older, SlowStopMain.HOOK_END);
    }

    @Test
    void childThatExitsEarlyFailsWithItsLog() {
        Path log = dir.resolve("missing.log");
        ChildProcess child = ChildProcess.java("missing-main")
                .classpath(TestClasspath.asString())
                .mainClass("dev.skein.testkit.process.NoSuchMain")
                .logFile(log)
                .start();

        ChildProcessException error = assertThrows(ChildProcessException.class,
                () -> child.awaitReady(READY_TIMEOUT, () -> false));

        assertTrue(error.getMessage().contains("exited with status 1 before it was ready"), error.getMessage());
        assertTrue(error.getMessage().contains("NoSuchMain"), error.getMessage());
    }

    @Test
    void childThatIsNeverReadyTimesOut() {
        Path log = dir.resolve("slow.log");
        ChildProcess child = startBlocking(log);
        try {
            ChildProcessException error = assertThrows(ChildProcessException.class,
                    () -> child.awaitReady(Duration.ofMillis(300), () -> false));
            assertTrue(error.getMessage().contains("was not ready within PT0.3S"), error.getMessage());
        } finally {
            child.kill();
        }
    }

    @Test
    void builderRejectsAmbiguousCommands() {
        ChildProcess.Builder both = ChildProcess.java("both")
                .mainClass("a.Main")
                .jar(dir.resolve("app.jar"))
                .logFile(dir.resolve("both.log"));
        assertThrows(IllegalStateException.class, both::start);

        ChildProcess.Builder noLog = ChildProcess.java("no-log").mainClass("a.Main");
        assertThrows(IllegalStateException.class, noLog::start);
    }

    private ChildProcess startBlocking(Path log) {
        return ChildProcess.java("blocking")
                .classpath(TestClasspath.asString())
                .mainClass(BlockingMain.class.getName())
                .logFile(log)
                .start();
    }

    private static boolean logContains(Path log, String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    /** The milliseconds a {@link SlowStopMain} logged after {@code prefix}; fails if it logged none. */
    private static long loggedMillis(Path log, String prefix) throws IOException {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(Files.readString(log));
        assertTrue(matcher.find(), log.getFileName() + " has " + prefix);
        return Long.parseLong(matcher.group(1));
    }

    private static long grandchildPid(Path parentLog) throws IOException {
        Matcher matcher = Pattern.compile(Pattern.quote(SpawningParentMain.PID_PREFIX) + "(\\d+)")
                .matcher(Files.readString(parentLog));
        assertTrue(matcher.find(), "parent printed the grandchild's pid");
        return Long.parseLong(matcher.group(1));
    }
}
