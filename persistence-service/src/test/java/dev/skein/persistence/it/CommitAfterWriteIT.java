package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.persistence.Cluster;
import dev.skein.persistence.TestUpdates;
import dev.skein.storage.layout.BatchName;
import dev.skein.ycrdt.update.Compaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service SIGKILLed after writing batches but before committing their offsets: the
 * restart re-reads the same records and rewrites the same immutable names with the same bytes;
 * nothing is lost and nothing is stored twice.
 */
class CommitAfterWriteIT extends OwnServers {

    private static final String BUCKET = "commit-after-write";
    private static final String GROUP = "persistence-crash-it";

    @Test
    void aKillBetweenWriteAndCommitRewritesTheSameObjects() {
        Map<String, String> settings = connection(BUCKET);
        settings.putAll(Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.flush.max-updates", "5",
            "skein.persistence.flush.max-age", "1h",
            // writes happen, commits do not: the kill below lands between the two
            "skein.persistence.commit-interval", "1h",
            "skein.persistence.compaction.enabled", "false"));
        String doc = "crash-doc";
        try (PackagedService service = new PackagedService("persistence", "persistence-service", logs, settings).start();
             Cluster cluster = new Cluster(kafka.bootstrapServers(), s3, BUCKET, GROUP)) {
            int partition = cluster.partitionOf(doc);
            List<byte[]> updates = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                byte[] update = TestUpdates.text(41, i, "k");
                updates.add(update);
                offsets.add(cluster.produce(doc, update));
            }
            List<BatchName> expected = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                expected.add(new BatchName(doc, partition, offsets.get(b * 5), offsets.get(b * 5 + 4)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.objects(doc).batches().equals(expected));
            assertEquals(-1, cluster.committed(partition), "nothing committed yet");
            Map<BatchName, byte[]> before = contents(cluster, expected);

            service.kill();
            // proof that the restart re-derives what was not committed: one object is rewritten from the log
            cluster.store().delete(expected.get(0).key());
            service.set("skein.persistence.commit-interval", "200ms").start();

            // the three updates after the last batch stay buffered, so the commit stops right at them
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.committed(partition) == offsets.get(20));
            assertEquals(expected, cluster.objects(doc).batches(), "the same names, no others");
            Map<BatchName, byte[]> after = contents(cluster, expected);
            for (BatchName name : expected) {
                assertArrayEquals(before.get(name), after.get(name), "same bytes for " + name.key());
            }

            service.stop();
            assertEquals(offsets.get(22) + 1, cluster.committed(partition), "a clean stop writes and commits the rest");
            assertArrayEquals(Compaction.mergeAndCompact(updates), cluster.reader().load(doc).orElseThrow().state());
        }
    }

    private static Map<BatchName, byte[]> contents(Cluster cluster, List<BatchName> names) {
        Map<BatchName, byte[]> contents = new HashMap<>();
        for (BatchName name : names) {
            contents.put(name, cluster.store().get(name.key()).orElseThrow());
        }
        return contents;
    }
}
