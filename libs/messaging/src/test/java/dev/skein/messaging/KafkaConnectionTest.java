package dev.skein.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void environmentVariablesAndSystemPropertiesBecomeClientSettings() {
        Properties properties = new Properties();
        properties.setProperty("skein.kafka.sasl.mechanism", "SCRAM-SHA-512");
        properties.setProperty("unrelated.key", "x");
        Map<String, Object> settings = KafkaConnection.settings(Map.of(
            "SKEIN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "SKEIN_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
            "SKEIN_KAFKA_SASL_MECHANISM", "PLAIN",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "SKEIN_KAFKA_", "ignored"), properties);
        assertEquals(Map.of(
            "security.protocol", "SASL_SSL",
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "sasl.mechanism", "SCRAM-SHA-512"), settings, "system properties win");
    }

    @Test
    void whatSkeinDecidesItselfCannotBeOverridden() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KafkaConnection.settings(Map.of("SKEIN_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092"), new Properties()));
        assertTrue(e.getMessage().contains("KAFKA_BOOTSTRAP_SERVERS"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> KafkaConnection.settings(Map.of(), props("skein.kafka.group.id", "mine")));
    }

    @Test
    void everyClientCarriesTheProcessSettings() {
        // this JVM has none: the shared settings add nothing but stay in every map
        assertEquals(Map.of(), KafkaConnection.settings());
        assertEquals("b:1", KafkaClientSettings.admin("b:1", "c").get("bootstrap.servers"));
        assertEquals("c", KafkaClientSettings.producer("b:1", "c", 1024).get("client.id"));
    }

    private static Properties props(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
