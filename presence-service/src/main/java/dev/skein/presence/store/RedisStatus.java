package dev.skein.presence.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether Redis answered the last command, and why not. Readiness reports it; a return to "up"
 * notifies listeners, so the states lost or missed while Redis was away are rebuilt.
 */
@ApplicationScoped
public class RedisStatus {

    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    // optimistic until the first command says otherwise: startup does not wait for Redis
    private volatile String downReason;

    /** Whether the last command succeeded. */
    public boolean isUp() {
        return downReason == null;
    }

    /** Why Redis is down, or {@code null} when up. */
    public String reason() {
        return downReason;
    }

    /** Called on every failed command. */
    public void markDown(String reason) {
        downReason = reason;
    }

    /** Called on every successful command; runs the recovery listeners after an outage. */
    public void markUp() {
        if (downReason == null) {
            return;
        }
        synchronized (this) {
            if (downReason == null) {
                return;
            }
            downReason = null;
        }
        recoveryListeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} each time Redis comes back after an outage. */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(listener);
    }
}
