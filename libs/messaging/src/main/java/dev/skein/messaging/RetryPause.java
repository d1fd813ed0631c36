package dev.skein.messaging;

import java.time.Duration;

/**
 * The pause a service's Kafka loop takes before retrying after the broker failed it. Every
 * consumer loop runs on its own thread and has nothing to wait on but time, so a plain sleep is
 * right here; it is defined once so that all loops treat interruption the same way.
 */
public final class RetryPause {

    private RetryPause() {
    }

    /**
     * Waits {@code pause}.
     *
     * @return false when the thread was interrupted (its interrupt flag is set again): the loop
     *     should stop
     */
    public static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
