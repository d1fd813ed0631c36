package dev.skein.auth.events;

import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.messaging.TopicsConfig;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The SmallRye Reactive Messaging channel {@code acl-changes} (Kafka, producer settings
 * {@code skein-producer} from libs/messaging): sends one ACL event as the record
 * {@link AclChanges#record} describes (key, headers, topic), and tells when the broker acknowledged
 * it, which is when the outbox may forget the row.
 */
@ApplicationScoped
public class AclEventChannel {

    private final Emitter<byte[]> emitter;
    private final String topic;

    // Unbounded: the relay itself bounds what is outstanding (one batch, acknowledged before the next).
    AclEventChannel(@Channel("acl-changes") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> emitter,
            TopicsConfig topics) {
        this.emitter = emitter;
        this.topic = topics.aclChanges();
    }

    /**
     * Sends the event.
     *
     * @return completes once the broker acknowledged the record ({@code acks=all}); fails when
     *     it did not (the broker away past the delivery timeout)
     */
    public CompletableFuture<Void> send(AclChange change) {
        ProducerRecord<String, byte[]> record = AclChanges.record(topic, change);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic()).withKey(record.key()).withHeaders(record.headers()).build();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<byte[]> message = Message.of(record.value(), Metadata.of(metadata), () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acknowledged.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // the channel is not open (the application is stopping)
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
