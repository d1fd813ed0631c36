package dev.skein.gateway.awareness;

import dev.skein.gateway.kafka.RecordPublisher;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Produces a connection's awareness updates, at most one record per
 * {@code skein.gateway.awareness.coalesce-window}: the first update of a quiet connection goes
 * out at once; updates arriving within the window are merged per client id (highest clock wins)
 * and sent together when it ends, which opens the next window. So a cursor dragged at 60 Hz costs
 * 20 records a second instead of 60, a single move costs no delay, and the last state always
 * gets through.
 *
 * <p>States larger than {@code max-state-bytes} are dropped (counted as
 * {@code awareness-oversize}) before anything else.
 */
@ApplicationScoped
public class AwarenessCoalescer {

    private static final Logger LOG = Logger.getLogger(AwarenessCoalescer.class);

    /** One connection's window: what arrived since the last record, and whether a window is running. */
    private static final class Window {
        final Map<Long, AwarenessUpdate.Entry> pending = new LinkedHashMap<>();
        boolean open;
        boolean forgotten;
    }

    private final RecordPublisher publisher;
    private final GatewayMetrics metrics;
    private final long windowMillis;
    private final int maxStateBytes;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "skein-awareness-coalescer");
        thread.setDaemon(true);
        return thread;
    });

    AwarenessCoalescer(RecordPublisher publisher, GatewayMetrics metrics, AwarenessConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.windowMillis = config.coalesceWindow().toMillis();
        this.maxStateBytes = config.maxStateBytes();
    }

    /**
     * Takes a validated awareness update of a session.
     *
     * @param entries its decoded entries
     * @param update the update as received, produced as is when nothing was dropped or merged
     */
    public void submit(Session session, List<AwarenessUpdate.Entry> entries, byte[] update) {
        List<AwarenessUpdate.Entry> kept = withinLimit(entries);
        if (kept.isEmpty()) {
            return;
        }
        byte[] value = kept.size() == entries.size() ? update : AwarenessUpdate.encode(kept);
        if (windowMillis <= 0) {
            publish(session, value);
            return;
        }
        Window window = windows.computeIfAbsent(session.id(), id -> new Window());
        synchronized (window) {
            if (window.forgotten) {
                return;
            }
            if (window.open) {
                for (AwarenessUpdate.Entry entry : kept) {
                    window.pending.merge(entry.clientId(), entry, (old, now) -> now.clock() >= old.clock() ? now : old);
                }
                return;
            }
            window.open = true;
            schedule(session, window);
        }
        publish(session, value);
    }

    /** Drops a closed session's window; what it still held is superseded by the removal on close. */
    public void forget(Session session) {
        Window window = windows.remove(session.id());
        if (window != null) {
            synchronized (window) {
                window.forgotten = true;
                window.pending.clear();
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void schedule(Session session, Window window) {
        timer.schedule(() -> flush(session, window), windowMillis, TimeUnit.MILLISECONDS);
    }

    private void flush(Session session, Window window) {
        List<AwarenessUpdate.Entry> batch;
        synchronized (window) {
            if (window.forgotten) {
                return;
            }
            if (window.pending.isEmpty()) {
                window.open = false;
                return;
            }
            batch = new ArrayList<>(window.pending.values());
            window.pending.clear();
            // the window stays open while this batch goes out, so nothing overtakes it
            schedule(session, window);
        }
        publish(session, AwarenessUpdate.encode(batch));
    }

    private List<AwarenessUpdate.Entry> withinLimit(List<AwarenessUpdate.Entry> entries) {
        List<AwarenessUpdate.Entry> kept = new ArrayList<>(entries.size());
        for (AwarenessUpdate.Entry entry : entries) {
            String state = entry.stateJson();
            // a JSON text has at least as many UTF-8 bytes as chars: only long ones need counting
            if (state.length() > maxStateBytes / 3 && state.getBytes(StandardCharsets.UTF_8).length > maxStateBytes) {
                metrics.error("awareness-oversize");
            } else {
                kept.add(entry);
            }
        }
        return kept;
    }

    private void publish(Session session, byte[] value) {
        CompletableFuture<Void> produced = publisher.awareness(session.docId(), value, session.origin(),
            session.principal());
        produced.whenComplete((ok, failure) -> {
            if (failure != null) {
                metrics.error("produce");
                LOG.warnf("awareness for %s not produced: %s", session.docId(), failure.getMessage());
                session.close(CloseCodes.TRY_AGAIN_LATER, "broker unavailable");
            }
        });
    }
}
