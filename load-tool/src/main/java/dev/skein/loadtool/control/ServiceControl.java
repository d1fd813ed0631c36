package dev.skein.loadtool.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a server process the hard way (SIGKILL: no shutdown hook, no flush) and restarts it,
 * for the restart scenario: by process id or by a command for the kill, by a command for the
 * restart (which must return once the server accepts connections, or soon before).
 */
public final class ServiceControl {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    private final Optional<Long> killPid;
    private final Optional<String> killCommand;
    private final String restartCommand;
    private final Duration restartTimeout;

    public ServiceControl(Optional<Long> killPid, Optional<String> killCommand, String restartCommand,
            Duration restartTimeout) {
        if (killPid.isPresent() == killCommand.isPresent()) {
            throw new IllegalArgumentException("give exactly one of a process id or a command to kill");
        }
        this.killPid = killPid;
        this.killCommand = killCommand;
        this.restartCommand = restartCommand;
        this.restartTimeout = restartTimeout;
    }

    /** Sends SIGKILL to the process (or runs the kill command) and waits until it is gone. */
    public void kill() {
        if (killCommand.isPresent()) {
            ShellCommand.run(killCommand.get(), EXIT_WAIT);
            return;
        }
        long pid = killPid.orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no process " + pid + " to kill"));
        // destroyForcibly is SIGKILL on Linux, also for processes that are not this JVM's children.
        if (!process.destroyForcibly()) {
            throw new IllegalStateException("could not send SIGKILL to process " + pid);
        }
        try {
            process.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("process " + pid + " still runs " + EXIT_WAIT.toSeconds() + " s after SIGKILL");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("waiting for process " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + pid, e);
        }
    }

    /** Runs the restart command. */
    public void restart() {
        ShellCommand.run(restartCommand, restartTimeout);
    }

    /** What is killed, for reports. */
    public String describeKill() {
        return killPid.map(pid -> "SIGKILL pid " + pid).orElseGet(() -> killCommand.orElseThrow());
    }

    /** The restart command. */
    public String restartCommand() {
        return restartCommand;
    }
}
