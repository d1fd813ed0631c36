package dev.skein.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings an operator adds for their own cluster (TLS, SASL, client racks, ...),
 * applied to every producer, consumer and admin client of every service: environment variables
 * {@code SKEIN_KAFKA_<NAME>} ({@code SKEIN_KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol}) or system properties {@code skein.kafka.<name>}
 * ({@code -Dskein.kafka.sasl.mechanism=SCRAM-SHA-512}). Read once, from the process's environment,
 * so that every client of a service, whichever module creates it, talks to the cluster the same way.
 *
 * <p>Settings that Skein decides itself (bootstrap servers, which come from
 * {@code KAFKA_BOOTSTRAP_SERVERS}; client and group ids; serializers) cannot be overridden this way.
 */
public final class KafkaConnection {

    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "SKEIN_KAFKA_";
    /** Prefix of the system properties. */
    public static final String PROPERTY_PREFIX = "skein.kafka.";

    private static final Set<String> RESERVED = Set.of("bootstrap.servers", "client.id", "group.id",
        "key.serializer", "value.serializer", "key.deserializer", "value.deserializer");

    private static final Map<String, Object> FROM_PROCESS = settings(System.getenv(), System.getProperties());

    private KafkaConnection() {
    }

    /** The operator's settings of this process. */
    public static Map<String, Object> settings() {
        return FROM_PROCESS;
    }

    /**
     * The Kafka client settings named by {@code env} and {@code properties}; system properties win
     * over environment variables of the same name.
     *
     * @throws IllegalArgumentException if one tries to set what Skein decides itself
     */
    public static Map<String, Object> settings(Map<String, String> env, Properties properties) {
        Map<String, Object> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                put(settings, name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value,
                    name);
            }
        });
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                put(settings, name.substring(PROPERTY_PREFIX.length()), properties.getProperty(name), name);
            }
        }
        return Map.copyOf(settings);
    }

    private static void put(Map<String, Object> settings, String key, String value, String source) {
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException(source + " would set " + key + ", which Skein sets itself"
                + (key.equals("bootstrap.servers") ? " (use KAFKA_BOOTSTRAP_SERVERS)" : ""));
        }
        settings.put(key, value);
    }
}
