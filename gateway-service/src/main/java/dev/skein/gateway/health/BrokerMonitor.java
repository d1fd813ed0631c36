package dev.skein.gateway.health;

import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * Checks the broker every {@code skein.gateway.broker-check-interval}. After two failed checks in
 * a row the broker counts as down: every client is closed with 1013 (the stock provider
 * reconnects with back-off and resyncs, re-sending edits Kafka may not have taken) and new
 * connections are refused with 1013 until a check succeeds again.
 */
@ApplicationScoped
public class BrokerMonitor {

    private static final Logger LOG = Logger.getLogger(BrokerMonitor.class);

    private final Admin admin;
    private final SessionRegistry registry;
    private final GatewayMetrics metrics;
    private final long intervalMillis;
    private volatile boolean reachable = true;
    private int failures;
    private ScheduledExecutorService executor;

    BrokerMonitor(Admin admin, SessionRegistry registry, GatewayMetrics metrics, GatewayConfig config) {
        this.admin = admin;
        this.registry = registry;
        this.metrics = metrics;
        this.intervalMillis = config.brokerCheckInterval().toMillis();
    }

    /** Starts the periodic check. */
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "skein-broker-monitor");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the periodic check. */
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Whether the last checks reached the broker. */
    public boolean isReachable() {
        return reachable;
    }

    /** Reports a failure seen elsewhere (a produce that Kafka did not take). */
    public void reportFailure() {
        metrics.error("produce");
    }

    private void check() {
        try {
            admin.describeCluster().nodes().get(Math.max(1_000, intervalMillis), TimeUnit.MILLISECONDS);
            failures = 0;
            if (!reachable) {
                LOG.info("broker reachable again");
            }
            reachable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures++;
            if (failures >= 2 && reachable) {
                reachable = false;
                metrics.error("broker-unreachable");
                LOG.warnf("broker unreachable (%s); closing %d connections with 1013", e,
                    registry.connectionCount());
            }
            if (!reachable) {
                for (Session session : registry.all()) {
                    session.close(CloseCodes.TRY_AGAIN_LATER, "broker unavailable");
                }
            }
        }
    }
}
