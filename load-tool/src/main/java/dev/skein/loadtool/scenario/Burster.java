package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.net.Connector;
import dev.skein.loadtool.text.TextUpdates;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.update.Updates;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One client that writes into a document of its own as fast as its connection takes it, one
 * keystroke per transaction: a paste split into transactions, or a program writing into a
 * document. It holds back only when its socket's write queue is full or it is
 * {@link #IN_FLIGHT_KEYSTROKES} ahead of what reached its reader, so it sends as fast as the
 * server reads; a server that paces it shows that here, one that does not lets it flood. Used to
 * see what one such client costs the others on the same server.
 */
final class Burster implements AutoCloseable {

    private final YClient client;
    /** Reads the burst document: what the server let through, as its other readers see it. */
    private final YClient reader;
    private final long clientId;
    private final AtomicLong sent = new AtomicLong();
    /** The burster's highest clock the reader received, plus one: its keystrokes that got through. */
    private final AtomicLong received = new AtomicLong();
    private volatile boolean stopped;
    private Thread thread;
    private long startNanos;
    private long endNanos;

    /**
     * The burster's own connections and event loop: it stands for another person's browser, so it
     * must not share the measured readers' event loops (sharing them, its compression and writes
     * delayed the readers' frames in the load tool itself: fanout p99 1.3-2.0 s against 0.14-0.18 s).
     */
    private final Connector connector;
    /** The burster's socket send buffer: enough to keep a server that reads busy, not megabytes ahead. */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;
    /**
     * Keystrokes the burster may have sent beyond those that reached its reader: four seconds of a
     * server pacing at 500/s, so a pacing server always finds more waiting than it takes and one
     * that does not pace still gets a flood. Without it the burster filled the server's autotuned
     * receive window, compressing 22,000-72,000 keystrokes a run of which the server read
     * about 10,800: a browser does that on its own machine, here it took 15% of a core
     * from the measured readers and the servers.
     */
    private static final long IN_FLIGHT_KEYSTROKES = 2_000;

    Burster(RunContext context) {
        this.connector = new Connector(1, context.connectTimeout(), context.connector().offersCompression(),
            SEND_BUFFER_BYTES);
        this.clientId = context.clientId();
        this.client = new YClient(context.target(), context.doc("burst"), (update, at, reply) -> { });
        this.reader = new YClient(context.target(), context.doc("burst"), (update, at, reply) -> {
            if (!reply) {
                // keystrokes, not messages: a server may merge a paced client's updates into one
                Long to = Updates.parseUpdateMeta(update).to().get(clientId);
                if (to != null) {
                    received.accumulateAndGet(to, Math::max);
                }
            }
        });
    }

    /** Connects, syncs and starts writing. */
    void start(RunContext context) {
        ClientGroup.connectAndSync(List.of(client, reader), connector, 2, context.connectTimeout().multipliedBy(4));
        startNanos = System.nanoTime();
        thread = new Thread(this::write, "burster");
        thread.setDaemon(true);
        thread.start();
    }

    private void write() {
        long clock = 0;
        Id origin = null;
        while (!stopped && client.isOpen()) {
            if (clock - received.get() >= IN_FLIGHT_KEYSTROKES) {
                // the reader's progress has no wake-up of its own; 5 ms is 2-3 keystrokes at 500/s
                LockSupport.parkNanos(5_000_000);
                continue;
            }
            if (client.writeQueueFull()) {
                // woken by the drain, not by polling: a spinning writer took the readers' CPU in the
                // load tool itself (a permit from a drain before the park makes it return at once)
                Thread writer = Thread.currentThread();
                client.onDrain(() -> LockSupport.unpark(writer));
                if (client.writeQueueFull()) {
                    LockSupport.parkNanos(50_000_000);
                }
                continue;
            }
            // not kept: merging a flood of kept updates would take the generator's CPU from the readers
            client.sendUnkept(TextUpdates.insert(clientId, clock, origin, null, "burst", "x"));
            origin = new Id(clientId, clock);
            clock++;
            sent.incrementAndGet();
        }
    }

    /** Stops writing (bounded wait for the writing thread). */
    void stop() {
        stopped = true;
        endNanos = System.nanoTime();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Updates handed to the socket (some may still wait in the client's buffers). */
    long sent() {
        return sent.get();
    }

    /**
     * Keystrokes of the burst that reached the burst document's reader (the highest clock of the
     * burster it received: the server may merge several into one message), per second of the burst.
     */
    double deliveredPerSecond() {
        double seconds = (endNanos - startNanos) / 1e9;
        return seconds <= 0 ? 0 : received.get() / seconds;
    }

    boolean open() {
        return client.isOpen();
    }

    @Override
    public void close() {
        stop();
        client.close();
        reader.close();
        connector.close();
    }
}
