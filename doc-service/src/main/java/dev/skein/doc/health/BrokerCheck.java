package dev.skein.doc.health;

import dev.skein.doc.kafka.UpdateLog;
import dev.skein.doc.rest.ReplyListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the broker answers, the group consumer polls and the reply listener is positioned. */
@Readiness
@ApplicationScoped
public class BrokerCheck implements HealthCheck {

    private final Admin admin;
    private final UpdateLog log;
    private final ReplyListener replies;

    BrokerCheck(Admin admin, UpdateLog log, ReplyListener replies) {
        this.admin = admin;
        this.log = log;
        this.replies = replies;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable;
        try {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        return HealthCheckResponse.named("kafka")
            .status(reachable && log.isReady() && replies.isReady())
            .withData("broker-reachable", reachable)
            .withData("update-log-ready", log.isReady())
            .withData("reply-listener-ready", replies.isReady())
            .build();
    }
}
