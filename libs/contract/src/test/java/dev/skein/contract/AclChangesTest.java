package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.AclChanges.AclChange;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AclChangesTest {

    @Test
    void rolesHaveFixedWireNamesAndOrder() {
        assertEquals("none", AccessRole.NONE.wireName());
        assertEquals("read", AccessRole.READ.wireName());
        assertEquals("write", AccessRole.WRITE.wireName());
        assertEquals("owner", AccessRole.OWNER.wireName());
        assertTrue(AccessRole.OWNER.atLeast(AccessRole.WRITE));
        assertFalse(AccessRole.READ.atLeast(AccessRole.WRITE));
        assertEquals(AccessRole.WRITE, AccessRole.max(AccessRole.READ, AccessRole.WRITE));
        assertThrows(IllegalArgumentException.class, () -> AccessRole.fromWireName("admin"));
    }

    @Test
    void recordsRoundTrip() {
        ProducerRecord<String, byte[]> out = AclChanges.record("acl", new AclChange("doc-1", "bob", AccessRole.READ));
        assertEquals("doc-1", out.key());
        assertEquals("read", new String(out.value(), StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> in = new ConsumerRecord<>("acl", 0, 0, out.key(), out.value());
        out.headers().forEach(h -> in.headers().add(h));
        assertEquals(new AclChange("doc-1", "bob", AccessRole.READ), AclChanges.parse(in));
    }

    @Test
    void malformedRecordsAreRejected() {
        ConsumerRecord<String, byte[]> noPrincipal =
                new ConsumerRecord<>("acl", 0, 0, "doc", "read".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedRecordException.class, () -> AclChanges.parse(noPrincipal));
        ConsumerRecord<String, byte[]> badRole =
                new ConsumerRecord<>("acl", 0, 0, "doc", "admin".getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(badRole.headers(), RecordHeaders.PRINCIPAL, "bob");
        assertThrows(MalformedRecordException.class, () -> AclChanges.parse(badRole));
    }
}
