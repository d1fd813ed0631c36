package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.net.Connector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Clients opened together: at most {@code concurrency} handshakes and syncs in flight (a server
 * flooded with a thousand simultaneous handshakes measures its accept queue, not its steady
 * state), each client counted as ready once it received its sync step 2.
 */
final class ClientGroup {

    private final List<YClient> clients = new ArrayList<>();

    /** Adds a client to open with the others. */
    YClient add(YClient client) {
        clients.add(client);
        return client;
    }

    List<YClient> clients() {
        return clients;
    }

    /**
     * Connects every client not yet connected and waits until each has synced.
     *
     * @throws ScenarioException naming the first client that failed, or when {@code timeout} passed
     */
    void connectAndSync(Connector connector, int concurrency, Duration timeout) {
        connectAndSync(clients, connector, concurrency, timeout);
    }

    static void connectAndSync(List<YClient> clients, Connector connector, int concurrency, Duration timeout) {
        connectAndSync(clients, c -> c.connect(connector).thenCompose(YClient::synced), concurrency, timeout);
    }

    /** The same for any kind of client, {@code connect} opening one and completing when it synced. */
    static <C> void connectAndSync(List<C> clients, Function<C, CompletableFuture<?>> connect, int concurrency,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        List<CompletableFuture<?>> syncs = new ArrayList<>();
        for (C client : clients) {
            acquire(slots, deadline);
            CompletableFuture<?> synced = connect.apply(client);
            synced.whenComplete((ok, failure) -> slots.release());
            syncs.add(synced);
        }
        long left = Math.max(1, deadline - System.nanoTime());
        Waits.get(CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)),
                Duration.ofNanos(left), clients.size() + " clients connecting and syncing");
    }

    /** Closes every client (normal close, not waited for). */
    void closeAll() {
        clients.forEach(YClient::close);
    }

    private static void acquire(Semaphore slots, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                throw new ScenarioException("clients did not connect in time (handshakes or syncs pending)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted while connecting");
        }
    }
}
