package dev.skein.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.testkit.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Each connection's callback queue (WebSockets Next's, from Mutiny) is allocated in small chunks. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConnectionQueueSizeTest {

    @Test
    void theQueueEveryConnectionGetsStartsWithSixteenSlotsAndStillTakesMore() {
        assertEquals(ConnectionQueueSize.CHUNK, Infrastructure.getBufferSizeS());
        // the queue WebSockets Next creates per connection, as it creates it: unbounded in chunks
        Queue<Integer> queue = Queues.createMpscQueue();
        for (int i = 0; i < 100; i++) {
            queue.offer(i);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, queue.poll());
        }
    }
}
