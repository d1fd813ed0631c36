package dev.skein.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    @Test
    void theUpdatePathsProducerLingersOneMillisecond() {
        assertEquals(1, KafkaClientSettings.producer("k:9092", "gw", 1024).get(ProducerConfig.LINGER_MS_CONFIG));
    }

    @Test
    void aLingeringProducerDiffersFromTheUpdatePathsOnlyInItsLinger() {
        Map<String, Object> update = KafkaClientSettings.producer("k:9092", "doc", 1024);
        Map<String, Object> lingering = new HashMap<>(
            KafkaClientSettings.lingeringProducer("k:9092", "doc", 1024, Duration.ofMillis(20)));
        assertEquals(20, lingering.remove(ProducerConfig.LINGER_MS_CONFIG));
        update.remove(ProducerConfig.LINGER_MS_CONFIG);
        assertEquals(update, lingering);
    }
}
