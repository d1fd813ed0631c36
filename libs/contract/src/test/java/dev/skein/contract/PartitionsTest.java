package dev.skein.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void sameAsKafkasKeyedDefault() {
        for (int i = 0; i < 1_000; i++) {
            String key = "doc-" + i;
            for (int partitions : new int[] {1, 3, 8, 50}) {
                assertEquals(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                    Partitions.forDocument(key, partitions));
                assertEquals(Partitions.forDocument(key, partitions), Partitions.forReplyTarget(key, partitions));
            }
        }
    }

    @Test
    void pinnedValues() {
        assertEquals(Partitions.forDocument("doc-1", 8), Partitions.forDocument("doc-1", 8));
        assertEquals(0, Partitions.forDocument("anything", 1));
    }
}
