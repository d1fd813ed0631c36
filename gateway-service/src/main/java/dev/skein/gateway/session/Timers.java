package dev.skein.gateway.session;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** One-shot timers on Vert.x (cheap, no thread of their own): resuming a paced client, stall checks. */
@ApplicationScoped
public class Timers {

    private final Vertx vertx;

    Timers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code task} once after {@code millis} (at least 1 ms). */
    void after(long millis, Runnable task) {
        vertx.setTimer(Math.max(1, millis), id -> task.run());
    }
}
