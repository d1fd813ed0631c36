package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a record goes to. Producers set the partition explicitly with these functions
 * (instead of relying on a client's default partitioner), so every service, the tests and any
 * future client in another language agree on it.
 *
 * <p>The function is Kafka's keyed default: {@code toPositive(murmur2(utf8(key))) % partitions}.
 */
public final class Partitions {

    private Partitions() {
    }

    /** The partition of the update topic (and awareness topic) that holds a document. */
    public static int forDocument(String docId, int partitions) {
        return forKey(docId, partitions);
    }

    /**
     * The partition of the sync-reply topic that carries replies to a requester instance. The
     * requester consumes only this partition and keeps the records whose
     * {@link RecordHeaders#REPLY_TO} header is its own id (other instances may hash to the same
     * partition).
     */
    public static int forReplyTarget(String instanceId, int partitions) {
        return forKey(instanceId, partitions);
    }

    private static int forKey(String key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
