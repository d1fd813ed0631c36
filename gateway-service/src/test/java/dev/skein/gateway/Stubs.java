package dev.skein.gateway;

import dev.skein.testkit.kafka.KafkaTestResource;
import static org.awaitility.Awaitility.await;

import dev.skein.gateway.delivery.LiveDelivery;

import java.time.Duration;

/** The one {@link DocServiceStub} of the test JVM, started once the gateway has created its topics. */
public final class Stubs {

    private static DocServiceStub stub;

    private Stubs() {
    }

    /** The stub, started on first use. */
    public static synchronized DocServiceStub docService(LiveDelivery delivery) {
        await().atMost(Duration.ofSeconds(60)).until(delivery::isReady);
        if (stub == null) {
            stub = new DocServiceStub(KafkaTestResource.broker().bootstrapServers());
        }
        return stub;
    }
}
