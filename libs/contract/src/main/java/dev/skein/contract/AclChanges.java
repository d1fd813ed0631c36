package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the ACL-change topic ({@link Topics#ACL_CHANGES_DEFAULT}): "principal P now has role R
 * on document D", produced by auth-service after the change is committed, consumed by every
 * gateway to downgrade or close live connections at once.
 *
 * <p>Key: the document id (all changes of a document stay in order in one partition). The record
 * carries {@link RecordHeaders#PRINCIPAL} (a user name, or {@code group:NAME}), and its value is the new
 * role's {@link AccessRole#wireName()} in UTF-8 ({@code none} for a revoked grant or a deleted
 * document). Values stay readable with stock Kafka tools.
 */
public final class AclChanges {

    /** Prefix of group principals: {@code group:editors} is every member of the group editors. */
    public static final String GROUP_PREFIX = "group:";

    private AclChanges() {
    }

    /** One access change. */
    public record AclChange(String docId, String principal, AccessRole role) {
    }

    /** The record announcing {@code change}. */
    public static ProducerRecord<String, byte[]> record(String topic, AclChange change) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, change.docId(),
                change.role().wireName().getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(record.headers(), RecordHeaders.PRINCIPAL, change.principal());
        return record;
    }

    /**
     * The change a consumed record announces.
     *
     * @throws MalformedRecordException if the key, the principal or the role is missing or invalid
     */
    public static AclChange parse(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new MalformedRecordException("ACL change without key or value");
        }
        String principal = RecordHeaders.require(record.headers(), RecordHeaders.PRINCIPAL);
        try {
            AccessRole role = AccessRole.fromWireName(new String(record.value(), StandardCharsets.UTF_8));
            return new AclChange(record.key(), principal, role);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
    }
}
