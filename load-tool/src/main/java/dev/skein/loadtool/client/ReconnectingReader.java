package dev.skein.loadtool.client;

import dev.skein.loadtool.net.Connector;
import dev.skein.loadtool.protocol.Target;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reading client that reconnects as the stock {@code y-websocket} 3.1 provider does: after any
 * close except 4400–4499 (the server's "reconnecting cannot help") it opens a new connection, 100 ms
 * after a connection that had opened and doubling per failed attempt up to 2.5 s, and syncs again;
 * the sync answer brings what it missed. What the server closed it with is counted per code, so a
 * run can say why readers had to come back.
 */
public final class ReconnectingReader {

    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2_500;

    private final Target target;
    private final String docName;
    private final Connector connector;
    private final YClient.Listener listener;
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile YClient current;
    private volatile boolean stopped;
    private volatile boolean gaveUp;
    private int failedAttempts;

    /**
     * A reader of {@code docName}; {@code listener} gets the updates of every connection in turn
     * (a sync answer after a reconnect repeats what was received before: applying it is harmless).
     */
    public ReconnectingReader(Target target, String docName, Connector connector, YClient.Listener listener) {
        this.target = target;
        this.docName = docName;
        this.connector = connector;
        this.listener = listener;
        this.current = newClient();
    }

    /** The first connection: completes when it synced. */
    public CompletableFuture<Long> connectAndSync() {
        YClient first = current;
        return first.connect(connector).thenCompose(YClient::synced);
    }

    /** Stops reconnecting and closes the connection. */
    public void close() {
        stopped = true;
        current.close();
    }

    /** How often it connected again after the server closed it. */
    public int reconnects() {
        return reconnects.get();
    }

    /** Whether a 4400–4499 close made it stop for good, as the stock provider does. */
    public boolean gaveUp() {
        return gaveUp;
    }

    /** Close codes the server sent, with how often. */
    public synchronized Map<Integer, Integer> closeCodes() {
        return new TreeMap<>(closeCodes);
    }

    private YClient newClient() {
        return new YClient(target, docName, new YClient.Listener() {
            @Override
            public void onUpdate(byte[] update, long arrivalNanos, boolean syncReply) {
                listener.onUpdate(update, arrivalNanos, syncReply);
            }

            @Override
            public void onClosed(int code, String reason) {
                closedBy(code);
                listener.onClosed(code, reason);
            }
        });
    }

    private void closedBy(int code) {
        if (stopped) {
            return;
        }
        synchronized (this) {
            closeCodes.merge(code, 1, Integer::sum);
        }
        if (code >= 4400 && code < 4500) {
            gaveUp = true;
            return;
        }
        schedule(FIRST_BACKOFF_MILLIS);
    }

    private void schedule(long delayMillis) {
        CompletableFuture.runAsync(this::reconnect,
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    private void reconnect() {
        if (stopped) {
            return;
        }
        YClient next = newClient();
        current = next;
        next.connect(connector).whenComplete((ok, failure) -> {
            if (failure == null && stopped) {
                // closed while this connection was being opened
                next.close();
                return;
            }
            if (failure == null) {
                reconnects.incrementAndGet();
                synchronized (this) {
                    failedAttempts = 0;
                }
                return;
            }
            long delay;
            synchronized (this) {
                failedAttempts++;
                delay = Math.min(FIRST_BACKOFF_MILLIS << Math.min(failedAttempts, 5), MAX_BACKOFF_MILLIS);
            }
            if (!stopped) {
                schedule(delay);
            }
        });
    }
}
