package dev.skein.presence.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of presence-service, on {@code /q/metrics}. */
@ApplicationScoped
public class PresenceMetrics {

    private final MeterRegistry registry;

    PresenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * An awareness record or state that was not stored. Reasons: {@code malformed} (not an
     * awareness update, or a state that is not JSON), {@code oversize} (state above
     * {@code skein.presence.max-state-bytes}), {@code redis-unavailable}.
     */
    public void dropped(String reason) {
        registry.counter("skein.presence.dropped", "reason", reason).increment();
    }

    /** Removals this service announced; causes: {@code expired}, {@code gateway-dead}. */
    public void removed(String cause, int clients) {
        registry.counter("skein.presence.removed", "cause", cause).increment(clients);
    }

    /**
     * A person's access to a document that could not be learnt (auth-service or the token endpoint
     * unreachable): the request answered 503, or the event was left out of their stream.
     */
    public void accessUnknown() {
        registry.counter("skein.presence.access.unknown").increment();
    }

    /** Stored states (new or renewed). */
    public void stored() {
        registry.counter("skein.presence.stored").increment();
    }

    /** Count of a counter, for tests and the README's figures. */
    public double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
