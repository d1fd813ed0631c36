package dev.skein.persistence.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skein.contract.RecordHeaders;
import dev.skein.contract.Topics;
import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.persistence.Cluster;
import dev.skein.persistence.HistoryTestProfile;
import dev.skein.persistence.TestUpdates;
import dev.skein.persistence.VersionContent;
import dev.skein.persistence.YjsReference;
import dev.skein.persistence.compaction.Compactor;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.history.DocumentHistory;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.history.PastVersions;
import dev.skein.storage.history.RootSpec;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.history.VersionEntry;
import dev.skein.storage.history.VersionRecord;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.lib0.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Versions recorded by the running service from a real broker into a real S3 API. Records carry
 * timestamps a few minutes ahead, so that only their timestamps (never the clock) decide where
 * pauses are, and the tests know exactly where each version must be.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(HistoryTestProfile.class)
class VersionRecordingTest {

    private static final String REQUESTER = "history-test-requester";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cluster cluster;
    private static VersionContent versions;

    @Inject
    PersistenceMetrics metrics;

    @Inject
    Compactor compactor;

    @BeforeAll
    static void connect() {
        cluster = Cluster.forHistoryTests();
        versions = new VersionContent(cluster.reader());
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void pausesLongStretchesAndRequestsMakeVersionsExactlyWhereTheyHappen() {
        String doc = "paused-" + UUID.randomUUID();
        long t = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
        long clock = 0;
        List<Long> offsets = new ArrayList<>();
        // six keystrokes by alice, 100 ms apart
        for (int i = 0; i < 6; i++, clock++) {
            offsets.add(cluster.produce(doc, TestUpdates.text(31, clock, "a"), "alice", t + i * 100L));
        }
        long pauseEnd = t + 500 + HistoryTestProfile.IDLE_MILLIS + 1_000;
        // forty by bob without a pause: 4 s of editing, over max-interval (3 s) once
        for (int i = 0; i < 40; i++, clock++) {
            offsets.add(cluster.produce(doc, TestUpdates.text(31, clock, "b"), "bob", pauseEnd + i * 100L));
        }
        long requestedAt = pauseEnd + 4_000;
        VersionRequest request = new VersionRequest(doc, "c-" + UUID.randomUUID(), REQUESTER, "after bob", Optional.of("carol"));
        long requestOffset = cluster.requestVersion(request, requestedAt);

        long idleVersion = offsets.get(5);
        long intervalVersion = offsets.get(6 + 29);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions.history(doc).versions().size() == 3);
        DocumentHistory history = versions.history(doc);
        assertEquals(List.of(idleVersion, intervalVersion, requestOffset), history.versions());
        List<VersionEntry> entries = history.entries();
        assertEquals(List.of(Trigger.REQUEST, Trigger.INTERVAL, Trigger.IDLE), entries.stream().map(VersionEntry::trigger).toList());
        assertEquals(List.of(List.of("bob"), List.of("bob"), List.of("alice")), entries.stream().map(VersionEntry::authors).toList());
        assertEquals(List.of(requestedAt, pauseEnd + 2_900, t + 500), entries.stream().map(VersionEntry::time).toList(),
            "the time of a version's last change, or of the request");
        VersionRecord requested = history.record(requestOffset).orElseThrow();
        assertEquals("after bob", requested.label());
        assertEquals("carol", requested.labelledBy());
        assertEquals("a".repeat(6), versions.text(doc, idleVersion));
        assertEquals("a".repeat(6) + "b".repeat(30), versions.text(doc, intervalVersion));
        assertEquals("a".repeat(6) + "b".repeat(40), versions.text(doc, requestOffset));

        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.versionReplies(REQUESTER).stream()
            .anyMatch(r -> r.correlationId().equals(request.correlationId())));
        VersionReply reply = cluster.versionReplies(REQUESTER).stream()
            .filter(r -> r.correlationId().equals(request.correlationId())).findFirst().orElseThrow();
        assertEquals(VersionReply.Outcome.RECORDED, reply.outcome());
        assertEquals(OptionalLong.of(requestOffset), reply.version());
        assertEquals(doc, reply.docId());
    }

    @Test
    void requestsForEmptyAndHistorylessDocumentsAreAnsweredAndMalformedOnesCounted() {
        long t = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
        VersionRequest empty = new VersionRequest("empty-" + UUID.randomUUID(), "c-" + UUID.randomUUID(), REQUESTER, "",
            Optional.empty());
        cluster.requestVersion(empty, t);
        String off = "nohistory-" + UUID.randomUUID();
        cluster.produce(off, TestUpdates.text(32, 0, "x"), "alice", t);
        VersionRequest historyless = new VersionRequest(off, "c-" + UUID.randomUUID(), REQUESTER, "", Optional.empty());
        cluster.requestVersion(historyless, t + 1);
        double malformedBefore = metrics.skippedCount("malformed-version-request");
        ProducerRecord<String, byte[]> malformed = new VersionRequest(off, "c-x", REQUESTER, "", Optional.empty())
            .toRecord(Topics.UPDATES_DEFAULT, cluster.partitionOf(off));
        malformed.headers().remove(RecordHeaders.REPLY_TO);
        cluster.send(malformed);

        await().atMost(Duration.ofSeconds(30)).until(() -> outcome(empty).isPresent() && outcome(historyless).isPresent());
        assertEquals(Optional.of(VersionReply.Outcome.EMPTY), outcome(empty));
        assertEquals(Optional.of(VersionReply.Outcome.HISTORY_OFF), outcome(historyless));
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.skippedCount("malformed-version-request") > malformedBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.objects(off).batches().isEmpty());
        assertTrue(cluster.objects(off).versions().isEmpty() && cluster.objects(off).changes().isEmpty(),
            "no history for documents without it");
    }

    @Test
    void everyVersionShowsWhatYjsShowsAfterTheSameUpdatesAlsoAfterCompaction() throws Exception {
        String doc = "yjs-" + UUID.randomUUID();
        Path file = Files.createTempFile("history-session", ".jsonl");
        List<YjsReference.SentUpdate> session = YjsReference.generate(7, 240, file, false);
        long t = System.currentTimeMillis() + Duration.ofMinutes(25).toMillis();
        List<Long> offsets = new ArrayList<>();
        long requestOffset = -1;
        for (int i = 0; i < session.size(); i++) {
            // a pause every 37 updates; a request in the middle
            t += i % 37 == 36 ? HistoryTestProfile.IDLE_MILLIS + 200 : 20;
            offsets.add(cluster.produce(doc, session.get(i).update(), session.get(i).principal(), t));
            if (i == 120) {
                requestOffset = cluster.requestVersion(new VersionRequest(doc, "c-" + UUID.randomUUID(), REQUESTER,
                    "middle", Optional.empty()), t);
            }
        }
        long last = cluster.requestVersion(new VersionRequest(doc, "c-" + UUID.randomUUID(), REQUESTER, "end",
            Optional.empty()), t + 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> versions.history(doc).newest().orElse(-1L) == last);
        List<Long> recorded = versions.history(doc).versions();
        assertTrue(recorded.contains(requestOffset) && recorded.size() >= 8, "pauses and requests: " + recorded);

        List<Integer> cuts = recorded.stream().map(v -> (int) offsets.stream().filter(o -> o <= v).count()).toList();
        List<String> expected = YjsReference.jsonAfter(file, cuts);
        assertVersionsShow(doc, recorded, expected);
        assertDiffsAreYjsDeltas(doc, recorded, YjsReference.textDiffs(file, cuts));
        assertUpdatesLoadInYjs(doc, recorded, expected);

        // the service compacts after each version by itself; compacting again changes nothing
        assertTrue(List.of("compacted", "up-to-date").contains(compactor.compact(doc).outcome()));
        assertTrue(cluster.objects(doc).changes().isEmpty(), "the newest version holds every change");
        assertEquals(1, cluster.objects(doc).snapshots().size());
        assertTrue(cluster.objects(doc).batches().isEmpty());
        assertVersionsShow(doc, recorded, expected);
        Files.delete(file);
    }

    @Test
    void whereALaterEditCutAnEmojiVersionsShowWhatYjsOwnSnapshotsShow() throws Exception {
        String doc = "yjs-split-" + UUID.randomUUID();
        Path file = Files.createTempFile("history-split", ".jsonl");
        List<YjsReference.SentUpdate> session = YjsReference.generate(7, 160, file, true);
        long t = System.currentTimeMillis() + Duration.ofMinutes(25).toMillis();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < session.size(); i++) {
            t += i % 23 == 22 ? HistoryTestProfile.IDLE_MILLIS + 200 : 20;
            offsets.add(cluster.produce(doc, session.get(i).update(), session.get(i).principal(), t));
        }
        long last = cluster.requestVersion(new VersionRequest(doc, "c-" + UUID.randomUUID(), REQUESTER, "",
            Optional.empty()), t + 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> versions.history(doc).newest().orElse(-1L) == last);
        List<Long> recorded = versions.history(doc).versions();
        List<Integer> cuts = recorded.stream().map(v -> (int) offsets.stream().filter(o -> o <= v).count()).toList();
        List<String> expected = YjsReference.jsonRestored(file, cuts);
        assertTrue(!expected.equals(YjsReference.jsonAfter(file, cuts)), "the session cuts an emoji after some version");
        assertVersionsShow(doc, recorded, expected);
        Files.delete(file);
    }

    /**
     * Each version's JSON is the same JSON value as yjs's: texts and XML to the character, arrays in
     * order; the keys of an object in any order (yjs lists a map's keys in the order its document
     * first met them, which for a document rebuilt from a snapshot is the order it integrates the
     * snapshot's items in, not the order they were first set).
     */
    private static void assertVersionsShow(String doc, List<Long> recorded, List<String> expected) throws Exception {
        for (int i = 0; i < recorded.size(); i++) {
            String actual = versions.json(doc, recorded.get(i));
            assertEquals(JSON.readTree(expected.get(i)), JSON.readTree(actual),
                "version " + recorded.get(i) + "\nyjs:   " + expected.get(i) + "\nskein: " + actual);
        }
    }

    /**
     * Each diff between consecutive versions marks what yjs's {@code toDelta} between their
     * snapshots marks (each mark also says who did it, which yjs cannot know); every mark names a
     * principal of the session.
     */
    private static void assertDiffsAreYjsDeltas(String doc, List<Long> recorded, List<String> expected) throws Exception {
        PastVersions past = new PastVersions(new HistoryReader(cluster.reader(), 100));
        for (int i = 0; i + 1 < recorded.size(); i++) {
            Map<String, Object> diff = past.diff(doc, recorded.get(i), recorded.get(i + 1),
                List.of(RootSpec.parse("text:text"))).orElseThrow();
            JsonNode delta = JSON.readTree(Json.stringify(diff)).path("roots").path("text").path("delta");
            for (JsonNode op : delta) {
                JsonNode change = op.path("attributes").path("ychange");
                if (change.isObject()) {
                    assertTrue(List.of("alice", "bob", "carol").contains(change.path("by").asText()), "who: " + op);
                    ((ObjectNode) change).remove("by");
                }
            }
            assertEquals(JSON.readTree(expected.get(i)), delta, "diff " + recorded.get(i) + " to " + recorded.get(i + 1));
        }
    }

    /** Each version served as a Yjs update shows, loaded by the real yjs, what yjs shows at that cut. */
    private static void assertUpdatesLoadInYjs(String doc, List<Long> recorded, List<String> expected) throws Exception {
        PastVersions past = new PastVersions(new HistoryReader(cluster.reader(), 100));
        List<byte[]> updates = new ArrayList<>();
        for (long version : recorded) {
            updates.add(past.update(doc, version).orElseThrow());
        }
        List<String> loaded = YjsReference.jsonOfUpdates(updates);
        for (int i = 0; i < recorded.size(); i++) {
            assertEquals(JSON.readTree(expected.get(i)), JSON.readTree(loaded.get(i)), "version " + recorded.get(i)
                + " loaded by yjs");
        }
    }

    private static Optional<VersionReply.Outcome> outcome(VersionRequest request) {
        return cluster.versionReplies(REQUESTER).stream().filter(r -> r.correlationId().equals(request.correlationId()))
            .map(VersionReply::outcome).findFirst();
    }
}
