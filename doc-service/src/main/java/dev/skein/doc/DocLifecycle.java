package dev.skein.doc;

import dev.skein.doc.kafka.UpdateLog;
import dev.skein.doc.rest.ReplyListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts the update log and the reply listener with the application; leaves the group on shutdown. */
@ApplicationScoped
public class DocLifecycle {

    private final UpdateLog log;
    private final ReplyListener replies;

    DocLifecycle(UpdateLog log, ReplyListener replies) {
        this.log = log;
        this.replies = replies;
    }

    void onStart(@Observes StartupEvent event) {
        replies.start();
        log.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        log.stop();
        replies.stop();
    }
}
