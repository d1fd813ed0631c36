package dev.skein.auth.events;

import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.messaging.RetryPause;
import dev.skein.messaging.TopicLayout;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox ({@code acl_outbox}) on the ACL-change topic, at least once and in order
 * per document: a pass reads the oldest rows (by id), sends them through the SmallRye channel
 * {@code acl-changes} ({@link AclEventChannel}: the idempotent {@code acks=all} producer settings), and deletes a row only after the broker acknowledged it. When a
 * record of a document fails, that document's later rows stay too (they may have been sent: they
 * are sent again after the failed one, so the document's last event is its newest state).
 * Consumers see an event twice after a crash between acknowledgement and delete, or after such a
 * retry; the gateway tolerates that (it re-reads roles instead of applying events).
 *
 * <p>A committed change wakes the relay ({@link #publishSoon()}); otherwise it looks every
 * {@link OutboxConfig#pollInterval()}, which also publishes what an instance left behind when it
 * stopped between commit and publication. Runs on its own thread (the producer may block while
 * the broker is away). With several instances, one relays at a time (a PostgreSQL advisory lock
 * held by each pass's transaction); the others' passes find the lock taken and skip.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than the producer's delivery timeout: every send completes before it. */
    private static final long ACK_WAIT_MS = 30_000;
    /** Namespace of the relay's advisory lock (one relay at a time); documents use {@link Outbox}'s. */
    private static final int RELAY_LOCK_NAMESPACE = 0x41434d;

    private final Pool pool;
    private final OutboxConfig config;
    private final AclEventChannel channel;
    private final TopicLayout layout;
    private final Object lock = new Object();
    private boolean wakeUp;
    private CompletableFuture<Void> nextPass = new CompletableFuture<>();
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(Pool pool, OutboxConfig config, AclEventChannel channel, TopicLayout layout) {
        this.pool = pool;
        this.config = config;
        this.channel = channel;
        this.layout = layout;
    }

    void start(@Observes StartupEvent start) {
        createTopics();
        running = true;
        thread = new Thread(this::run, "skein-acl-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Wakes the relay for rows just committed. The returned stage completes when a pass that
     * started after this call has ended (whether it could publish or not), at most after
     * {@link OutboxConfig#publishWait()}; it never fails.
     */
    public Uni<Void> publishSoon() {
        CompletableFuture<Void> pass;
        synchronized (lock) {
            wakeUp = true;
            pass = nextPass;
            lock.notifyAll();
        }
        return Uni.createFrom().completionStage(pass)
                .ifNoItem().after(config.publishWait()).recoverWithItem((Void) null)
                .onFailure().recoverWithItem((Void) null);
    }

    private void createTopics() {
        try {
            layout.load();
        } catch (Exception e) {
            // The gateway creates the same topics; a broker that is down now is retried by the relay.
            LOG.warnf("could not ensure the topics: %s", e.getMessage());
        }
    }

    private void run() {
        while (running) {
            CompletableFuture<Void> pass;
            synchronized (lock) {
                if (!wakeUp) {
                    try {
                        lock.wait(config.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!running) {
                    nextPass.complete(null);
                    return;
                }
                wakeUp = false;
                pass = nextPass;
                nextPass = new CompletableFuture<>();
            }
            boolean more;
            try {
                more = pass();
            } catch (RuntimeException e) {
                LOG.warnf("ACL outbox not published yet (%s); retrying", e.getMessage());
                pass.complete(null);
                if (!RetryPause.pause(config.retryPause())) {
                    return;
                }
                continue;
            }
            pass.complete(null);
            if (more) {
                synchronized (lock) {
                    wakeUp = true;
                }
            }
        }
    }

    /**
     * One pass, in one transaction that holds the relay lock (so that one instance relays at a
     * time and a document's events cannot overtake each other between instances); true when a
     * full batch went out and more rows may wait.
     */
    private boolean pass() {
        SqlConnection connection = pool.getConnection().await().atMost(DB_TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(DB_TIMEOUT);
            try {
                Outcome outcome = pass(connection);
                transaction.commit().await().atMost(DB_TIMEOUT);
                if (outcome.failure() != null) {
                    throw new IllegalStateException(outcome.failure());
                }
                return outcome.more();
            } catch (RuntimeException e) {
                try {
                    transaction.rollback().await().atMost(DB_TIMEOUT);
                } catch (RuntimeException ignored) {
                    // the connection is closed below; PostgreSQL rolls back what is left open
                }
                throw e;
            }
        } finally {
            connection.close().await().atMost(DB_TIMEOUT);
        }
    }

    private record Outcome(boolean more, String failure) {
    }

    private Outcome pass(SqlConnection connection) {
        boolean leader = connection.query("select pg_try_advisory_xact_lock(" + RELAY_LOCK_NAMESPACE + ", 0) as leader")
                .execute().await().atMost(DB_TIMEOUT).iterator().next().getBoolean("leader");
        if (!leader) {
            return new Outcome(false, null);
        }
        RowSet<Row> rows = connection.preparedQuery("select id, doc_id, principal, role from acl_outbox order by id limit $1")
                .execute(Tuple.of(config.batchSize())).await().atMost(DB_TIMEOUT);
        if (rows.size() == 0) {
            return new Outcome(false, null);
        }
        List<Long> ids = new ArrayList<>();
        List<String> docs = new ArrayList<>();
        List<Future<Void>> sent = new ArrayList<>();
        for (Row row : rows) {
            AclChange change = new AclChange(row.getString("doc_id"), row.getString("principal"),
                    AccessRole.valueOf(row.getString("role")));
            ids.add(row.getLong("id"));
            docs.add(change.docId());
            sent.add(send(change));
        }
        List<Long> published = new ArrayList<>();
        Set<String> failedDocs = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (acknowledged(sent.get(i)) && !failedDocs.contains(docs.get(i))) {
                published.add(ids.get(i));
            } else {
                failedDocs.add(docs.get(i));
            }
        }
        if (!published.isEmpty()) {
            connection.preparedQuery("delete from acl_outbox where id = any($1)")
                    .execute(Tuple.of(published.toArray(Long[]::new))).await().atMost(DB_TIMEOUT);
            LOG.debugf("published %d ACL event(s)", published.size());
        }
        String failure = failedDocs.isEmpty() ? null
                : "the broker did not acknowledge the events of " + failedDocs.size() + " document(s)";
        return new Outcome(failedDocs.isEmpty() && rows.size() == config.batchSize(), failure);
    }

    private Future<Void> send(AclChange change) {
        return channel.send(change);
    }

    private static boolean acknowledged(Future<Void> sent) {
        try {
            sent.get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
