package dev.skein.persistence.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.persistence.Cluster;
import dev.skein.persistence.HistoryTestProfile;
import dev.skein.persistence.VersionContent;
import dev.skein.persistence.compaction.CompactionResult;
import dev.skein.persistence.compaction.Compactor;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.HistoryCodec;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.history.VersionRecord;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.VersionName;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.update.Compaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention on real storage: versions of a document edited over a hundred days (written as the
 * service writes them), thinned by the default rules (all of the last day, hourly for a week,
 * daily for 90 days, labelled ones kept), then compacted without what no kept version needs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(HistoryTestProfile.class)
class RetentionThinningTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static Cluster cluster;

    @Inject
    Compactor compactor;

    @BeforeAll
    static void connect() {
        cluster = Cluster.forHistoryTests();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void keepsExactlyWhatTheRulesSayAndEveryKeptVersionStillReads() {
        String doc = "retention-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        long day80 = Math.floorDiv(now - 80 * DAY, DAY) * DAY;
        long hour5d = Math.floorDiv(now - 5 * DAY, HOUR) * HOUR;
        History history = new History(doc);
        history.step(now - 100 * DAY, "", t -> t.insert(0, "gone-before-the-oldest "));
        history.step(now - 95 * DAY, "release", t -> {
            t.delete(0, "gone-before-the-oldest ".length());
            t.insert(0, "kept-for-eighty ");
        });
        history.step(day80 + 2 * HOUR, "", t -> t.insert(t.length(), "b"));
        history.step(day80 + 5 * HOUR, "", t -> t.insert(t.length(), "c"));
        history.step(now - 30 * DAY, "", t -> t.delete(0, "kept-for-eighty ".length()));
        history.step(hour5d + 10 * 60_000, "", t -> t.insert(t.length(), "d"));
        history.step(hour5d + 40 * 60_000, "", t -> t.insert(t.length(), "e"));
        history.step(hour5d + 2 * HOUR + 5 * 60_000, "", t -> t.delete(0, 1));
        history.step(now - 20 * HOUR, "", t -> t.insert(0, "f"));
        history.step(now - 20 * HOUR + 60_000, "", t -> t.insert(0, "g"));
        history.step(now - HOUR, "", t -> t.insert(0, "h"));

        CompactionResult result = compactor.compact(doc);
        assertEquals("compacted", result.outcome());
        List<Long> kept = List.of(1L, 3L, 4L, 6L, 7L, 8L, 9L, 10L).stream().map(History::offset).toList();
        VersionContent versions = new VersionContent(cluster.reader());
        assertEquals(kept, versions.history(doc).versions(), "labelled 95 d, daily, hourly, all of the last day");
        for (long version : kept) {
            assertEquals(history.textAt.get(version), versions.text(doc, version), "version " + version);
        }
        assertEquals(List.of(new VersionName(doc, 0, 0, History.offset(1))),
            cluster.objects(doc).versions().subList(0, 1), "the oldest kept version holds what came before");

        SnapshotName snapshot = cluster.objects(doc).newestSnapshot().orElseThrow();
        String stored = new String(cluster.reader().read(snapshot), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("gone-before-the-oldest"), "deleted before the oldest kept version: collected");
        assertTrue(stored.contains("kept-for-eighty"), "deleted after it: kept, the 80-day version shows it");
        assertTrue(cluster.objects(doc).batches().isEmpty());
    }

    /** A document's history written as the service writes it: per step a batch and a version. */
    private static final class History {

        final String doc;
        final Doc replica = new Doc(DocOptions.defaults().withClientId(77).withGc(false));
        final Map<Long, String> textAt = new LinkedHashMap<>();
        int steps;

        History(String doc) {
            this.doc = doc;
        }

        /** Offset of the last record of step {@code i}: ten records per step. */
        static long offset(long step) {
            return step * 10 + 9;
        }

        void step(long time, String label, java.util.function.Consumer<YText> edit) {
            List<byte[]> updates = new ArrayList<>();
            var subscription = replica.onUpdate((update, origin, txn) -> updates.add(update));
            edit.accept(replica.getText("t"));
            subscription.close();
            BatchName batch = new BatchName(doc, 0, steps * 10L, offset(steps));
            cluster.store().put(batch.key(), StoredObjectCodec.batch(batch,
                Compaction.mergeAndCompact(updates, new DeleteSet()), UpdateEncoding.V1));
            ChangeSet changes = new ChangeSet();
            updates.forEach(u -> changes.addUpdate("p" + (steps % 2), u));
            VersionRecord record = new VersionRecord(time, label.isEmpty() ? Trigger.IDLE : Trigger.REQUEST, label, "",
                replica.stateVector(), changes);
            VersionName name = new VersionName(doc, 0, steps * 10L, offset(steps));
            cluster.store().put(name.key(), StoredObjectCodec.version(name, HistoryCodec.encodeVersion(record)));
            textAt.put(offset(steps), replica.getText("t").toString());
            steps++;
        }
    }
}
