package dev.skein.persistence.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Topics;
import dev.skein.contract.VersionRequest;
import dev.skein.persistence.Cluster;
import dev.skein.persistence.VersionContent;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.StoredObject;
import dev.skein.storage.layout.VersionName;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.YText;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * What history costs in storage (issue 21's target: at most 1.5 times the storage without it):
 * B4 ({@code testdata/traces/automerge-paper.json.gz}, 259,778 keystrokes as single-keystroke Yjs
 * updates) replayed into two documents of the packaged service with default batching, compaction
 * and retention, one with history and a version requested every 10,000 updates (and at the end),
 * one without ({@code nohistory-…}). After a last compaction of both, the bytes of all their
 * objects are compared; every version shows the text the trace had at its request; a version's
 * JSON is read through the admin API and timed. The figures are logged
 * ({@code target/failsafe-reports/…-output.txt}) and go into the README.
 */
class HistoryStorageIT extends OwnServers {

    private static final String BUCKET = "history-storage";
    private static final String GROUP = "persistence-history-storage-it";
    private static final int EVERY = 10_000;
    private static final System.Logger LOG = System.getLogger(HistoryStorageIT.class.getName());

    @Test
    void historyOfB4CostsAtMostHalfAgainTheStorageWithoutIt() throws Exception {
        List<byte[]> updates = new ArrayList<>();
        Map<Integer, String> textAfter = new LinkedHashMap<>();
        String endContent = replayB4(updates, textAfter);

        Map<String, String> settings = connection(BUCKET);
        settings.putAll(Map.of(
            "skein.persistence.group-id", GROUP,
            "skein.persistence.auth.enabled", "false",
            "skein.history.documents", "(?!nohistory-).*",
            // versions come from the requests every 10,000 updates, however fast the replay runs
            "skein.history.idle", "1h",
            "skein.history.max-interval", "1h"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String withHistory = "b4-" + run;
        String without = "nohistory-b4-" + run;
        // the service's log stays in target/ for a look at what the measurement did
        Path logDir = Files.createDirectories(Path.of("target", "history-storage-it"));
        try (PackagedService service = new PackagedService("persistence", "persistence-service", logDir, settings).start();
             Cluster cluster = new Cluster(kafka.bootstrapServers(), s3, BUCKET, GROUP)) {
            List<Integer> cuts = new ArrayList<>();
            long endWith = replay(cluster, withHistory, updates, cuts);
            long endWithout = replay(cluster, without, updates, null);
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                cluster.committed(cluster.partitionOf(withHistory)) > endWith
                    && cluster.committed(cluster.partitionOf(without)) > endWithout);
            assertEquals(200, service.post("/admin/docs/" + withHistory + "/compaction"));
            assertEquals(200, service.post("/admin/docs/" + without + "/compaction"));

            VersionContent content = new VersionContent(cluster.reader());
            List<Long> versions = content.history(withHistory).versions();
            assertEquals(cuts.size(), versions.size(), "a version per request: " + versions);
            for (int i = 0; i < versions.size(); i++) {
                assertEquals(textAfter.get(cuts.get(i)), content.text(withHistory, versions.get(i)),
                    "version after " + cuts.get(i) + " updates");
            }
            assertEquals(endContent, content.text(withHistory, versions.get(versions.size() - 1)));

            String oldestPath = "/admin/docs/" + withHistory + "/versions/" + versions.get(0) + "/content?root=t:text";
            List<Long> jsonMillis = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                byte[] oldestJson = service.get(oldestPath);
                jsonMillis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(Json.stringify(Map.of("t", textAfter.get(cuts.get(0)))),
                    new String(oldestJson, StandardCharsets.UTF_8));
            }

            DocumentObjects stored = cluster.objects(withHistory);
            DocumentObjects plain = cluster.objects(without);
            double ratio = (double) stored.totalBytes() / plain.totalBytes();
            LOG.log(System.Logger.Level.INFO, "B4 storage with history (versions every {0} updates, {1} versions): {2}",
                EVERY, versions.size(), breakdown(stored));
            LOG.log(System.Logger.Level.INFO, "B4 storage without history: {0}", breakdown(plain));
            long newestWith = stored.sizeOf(stored.newestSnapshot().orElseThrow());
            long newestWithout = plain.sizeOf(plain.newestSnapshot().orElseThrow());
            LOG.log(System.Logger.Level.INFO, "B4 storage ratio with/without history: {0} (newest snapshot {1} B "
                + "against {2} B; with the version objects {3})", String.format("%.3f", ratio), newestWith, newestWithout,
                String.format("%.3f", (double) (newestWith + versionBytes(stored)) / newestWithout));
            LOG.log(System.Logger.Level.INFO, "oldest version''s JSON through the admin API: first request {0} ms, "
                + "then {1} ms", jsonMillis.get(0), jsonMillis.subList(1, jsonMillis.size()));
            assertTrue(ratio <= 1.5, "history costs " + ratio + " times the storage without it");
        }
    }

    /**
     * Sends a document's updates, a version request after every 10,000 (when {@code cuts} is
     * given); waits for each 2,000 records to be acknowledged, so that none outlives the producer's
     * delivery timeout in its buffer; returns the last record's offset.
     */
    private static long replay(Cluster cluster, String doc, List<byte[]> updates, List<Integer> cuts) throws Exception {
        int partition = cluster.partitionOf(doc);
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < updates.size(); i++) {
            pending.add(cluster.sendAsync(DocumentRecords.update(Topics.UPDATES_DEFAULT, partition, doc, updates.get(i),
                "b4/replay", "typist")));
            int sent = i + 1;
            if (cuts != null && (sent % EVERY == 0 || sent == updates.size())) {
                cuts.add(sent);
                pending.add(cluster.sendAsync(new VersionRequest(doc, "c-" + sent, "history-storage-it", "",
                    Optional.empty()).toRecord(Topics.UPDATES_DEFAULT, partition)));
            }
            if (pending.size() >= 2_000 || sent == updates.size()) {
                for (Future<RecordMetadata> future : pending) {
                    last = future.get().offset();
                }
                pending.clear();
            }
        }
        return last;
    }

    /** B4's keystrokes as Yjs updates of one client into root text {@code t}; the text after every 10,000. */
    @SuppressWarnings("unchecked")
    private static String replayB4(List<byte[]> updates, Map<Integer, String> textAfter) throws Exception {
        Path file = PackagedService.repositoryRoot().resolve("testdata/traces/automerge-paper.json.gz");
        Map<String, Object> trace;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            trace = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Doc doc = new Doc(DocOptions.defaults().withClientId(4));
        YText text = doc.getText("t");
        doc.onUpdate((update, origin, txn) -> updates.add(update));
        int n = 0;
        List<Object> txns = (List<Object>) trace.get("txns");
        int patches = 0;
        for (Object t : txns) {
            patches += ((List<Object>) ((Map<String, Object>) t).get("patches")).size();
        }
        for (Object t : txns) {
            for (Object p : (List<Object>) ((Map<String, Object>) t).get("patches")) {
                List<Object> patch = (List<Object>) p;
                int pos = ((Number) patch.get(0)).intValue();
                int del = ((Number) patch.get(1)).intValue();
                String ins = (String) patch.get(2);
                doc.transact(txn -> {
                    if (del > 0) {
                        text.delete(pos, del);
                    }
                    if (!ins.isEmpty()) {
                        text.insert(pos, ins);
                    }
                });
                n++;
                if (n % EVERY == 0 || n == patches) {
                    textAfter.put(n, text.toString());
                }
            }
        }
        assertEquals(patches, updates.size(), "one update per keystroke");
        return (String) trace.get("endContent");
    }

    private static long versionBytes(DocumentObjects objects) {
        long bytes = 0;
        for (VersionName name : objects.versions()) {
            bytes += objects.sizeOf(name);
        }
        return bytes;
    }

    private static String breakdown(DocumentObjects objects) {
        Map<String, long[]> byKind = new LinkedHashMap<>();
        for (StoredObject object : objects.all()) {
            String kind = object.name().getClass().getSimpleName().replace("Name", "").toLowerCase(java.util.Locale.ROOT);
            long[] sum = byKind.computeIfAbsent(kind, k -> new long[2]);
            sum[0]++;
            sum[1] += object.size();
        }
        StringBuilder out = new StringBuilder(objects.totalBytes() + " B in total");
        byKind.forEach((kind, sum) -> out.append(", ").append(sum[0]).append(' ').append(kind).append(" objects ")
            .append(sum[1]).append(" B"));
        return out.toString();
    }
}
