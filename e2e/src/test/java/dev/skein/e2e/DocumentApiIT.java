package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skein.contract.Topics;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.testkit.kafka.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document API for backend services with real Yjs clients (yjs 13.6.33, stock y-websocket)
 * on a gateway and two doc-services: the JSON of random documents is yjs's {@code toJSON()};
 * REST edits mixed with concurrent browser edits converge to what yjs computes; a follower of the
 * change topic without Yjs ends with the same JSON; streamed text stays intact and in order while
 * a browser types.
 */
class DocumentApiIT {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String ROOTS = "?root=t:text&root=m:map&root=a:array&root=x:xml";
    private static final String EMPTY = "{\"t\":[],\"m\":{},\"a\":[],\"x\":\"\"}";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaBroker broker;
    private static Services services;
    private static Services.Instance gateway;
    private static Services.Instance doc1;
    private static Services.Instance doc2;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/document-api"));
        broker = KafkaBroker.start();
        services = new Services(root, logs, broker.bootstrapServers());
        doc1 = services.docService("doc-1");
        doc2 = services.docService("doc-2");
        gateway = services.gateway("gw-1");
        for (Services.Instance instance : List.of(doc1, doc2, gateway)) {
            Services.awaitReady(instance);
        }
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (services != null) {
            services.stopAll();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static HttpResponse<byte[]> get(Services.Instance instance, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.http() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<HttpResponse<String>> edit(Services.Instance instance, String doc, String json) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(instance.http() + "/docs/" + doc + "/edits"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** JSON with object keys sorted: a key's place in a yjs map depends on the order a replica saw it. */
    private static String canonical(String json) throws Exception {
        return JSON.writeValueAsString(JSON.treeToValue(JSON.readTree(json), Object.class));
    }

    /**
     * The JSON with the text's delta ({@code t}) in its shortest form: neighbouring inserts with the
     * same attributes joined. yjs's {@code toDelta()} splits a run where format marks that change
     * nothing sit between characters; a follower applying deltas cannot see those marks, so it
     * holds the same text and attributes in fewer pieces.
     */
    private static String joinedRuns(String json) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ArrayNode joined = JSON.createArrayNode();
        for (JsonNode op : root.get("t")) {
            JsonNode last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last.get("insert").isTextual() && op.get("insert").isTextual()
                    && Objects.equals(last.get("attributes"), op.get("attributes"))) {
                ((ObjectNode) last).put("insert", last.get("insert").asText() + op.get("insert").asText());
            } else {
                joined.add(op.deepCopy());
            }
        }
        root.set("t", joined);
        return canonical(root.toString());
    }

    /** The content as doc-service renders it, checked against yjs rendering the same state. */
    private static String contentAsYjsRendersIt(Services.Instance instance, String doc, boolean delta) throws Exception {
        for (int attempt = 0; ; attempt++) {
            byte[] state = get(instance, "/docs/" + doc).body();
            String content = text(get(instance, "/docs/" + doc + "/content" + ROOTS + (delta ? "&text=delta" : "")));
            String yjs = clients.jsonOfState(state, delta);
            if (content.equals(yjs) || attempt == 5) {
                assertEquals(yjs, content, "doc-service's JSON of the state is yjs's toJSON()");
                return content;
            }
            // an update landed between the two reads: read both again
        }
    }

    @Test
    void jsonOfRandomDocumentsIsWhatYjsGives() throws Exception {
        for (int seed = 1; seed <= 6; seed++) {
            String doc = "json-" + seed + "-" + UUID.randomUUID();
            String name = "json-" + seed;
            clients.open(name, gateway.ws(), doc);
            await().atMost(CONVERGE).until(() -> clients.state(name).synced());
            clients.randomEdits(name, seed, 80);
            String expected = canonical(clients.json(name, true));
            Services.Instance reader = seed % 2 == 0 ? doc1 : doc2;
            await().atMost(CONVERGE).until(() -> canonical(text(get(reader, "/docs/" + doc + "/content" + ROOTS + "&text=delta")))
                .equals(expected));
            contentAsYjsRendersIt(reader, doc, true);
            contentAsYjsRendersIt(reader, doc, false);
            assertEquals(canonical(clients.json(name, false)), canonical(contentAsYjsRendersIt(reader, doc, false)));
            clients.close(name);
        }
    }

    @Test
    void restEditsAndConcurrentBrowserEditsConvergeAndTheChangeTopicFollows() throws Exception {
        String doc = "mix-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> changes = new KafkaConsumer<>(KafkaClientSettings.assigningConsumer(
                broker.bootstrapServers(), "it-changes-" + doc))) {
            List<TopicPartition> partitions = changes.partitionsFor(Topics.CHANGES_DEFAULT, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            changes.assign(partitions);
            changes.seekToEnd(partitions);
            partitions.forEach(p -> changes.position(p, Duration.ofSeconds(10)));

            clients.open("mix-a", gateway.ws(), doc);
            clients.open("mix-b", gateway.ws(), doc);
            await().atMost(CONVERGE).until(() -> clients.state("mix-a").synced() && clients.state("mix-b").synced());
            Random random = new Random(20);
            List<CompletableFuture<HttpResponse<String>>> edits = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                clients.randomEdits("mix-a", 100 + round, 3);
                String token = "<r" + round + ">";
                tokens.add(token);
                // operations that fit whatever the browsers did meanwhile
                String op = switch (random.nextInt(4)) {
                    case 0 -> "{\"op\":\"text.insert\",\"root\":\"t\",\"index\":" + (random.nextBoolean() ? "0" : "\"end\"")
                        + ",\"text\":\"" + token + "\"" + (random.nextBoolean() ? ",\"attributes\":{\"bold\":true}" : "") + "}";
                    case 1 -> "{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"r" + random.nextInt(6) + "\",\"value\":"
                        + (random.nextBoolean() ? "{\"$ytext\":\"" + token + "\"}" : "[\"" + token + "\"]") + "}";
                    case 2 -> "{\"op\":\"array.insert\",\"root\":\"a\",\"index\":" + (random.nextBoolean() ? "0" : "\"end\"")
                        + ",\"values\":[\"" + token + "\",{\"$ymap\":{\"k\":1}}]}";
                    default -> "{\"op\":\"xml.insert\",\"root\":\"x\",\"index\":\"end\",\"nodes\":[{\"element\":\"p\",\"children\":[{\"text\":\"" + token + "\"}]}]}";
                };
                edits.add(edit(round % 2 == 0 ? doc1 : doc2, doc, "{\"ops\":[" + op
                    + "],\"roots\":{\"t\":\"text\",\"m\":\"map\",\"a\":\"array\",\"x\":\"xml\"}}"));
                clients.randomEdits("mix-b", 200 + round, 3);
            }
            for (CompletableFuture<HttpResponse<String>> e : edits) {
                assertEquals(200, e.get().statusCode(), e.get().body());
            }
            await().atMost(CONVERGE).until(() -> {
                String a = canonical(clients.json("mix-a", true));
                return a.equals(canonical(clients.json("mix-b", true)))
                    && a.equals(canonical(text(get(doc1, "/docs/" + doc + "/content" + ROOTS + "&text=delta"))));
            });
            String content = contentAsYjsRendersIt(doc2, doc, true);
            assertEquals(canonical(clients.json("mix-a", true)), canonical(content), "equal to what yjs computes");

            // a follower of the change topic, without Yjs, ends with the same JSON
            List<String> records = new ArrayList<>();
            await().atMost(CONVERGE).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> r : changes.poll(Duration.ofMillis(200))) {
                    if (doc.equals(r.key())) {
                        records.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                assertEquals(joinedRuns(content), joinedRuns(clients.followChanges(records, EMPTY)),
                    "what a follower of " + records.size() + " change records holds");
            });
            JsonNode first = JSON.readTree(records.get(0));
            assertEquals(doc, first.get("doc").asText());
            clients.close("mix-a");
            clients.close("mix-b");
        }
    }

    @Test
    void streamedTextStaysIntactAndInOrderWhileABrowserTypes() throws Exception {
        String doc = "stream-" + UUID.randomUUID();
        assertEquals(200, edit(doc1, doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"[head]\"}],"
            + "\"roots\":{\"t\":\"text\"}}").get().statusCode());
        clients.open("typist", gateway.ws(), doc);
        await().atMost(CONVERGE).until(() -> clients.state("typist").text().equals("[head]"));
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        CompletableFuture<HttpResponse<String>> response = HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create(doc2.http() + "/docs/" + doc + "/text/t/stream"))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.fromPublisher(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() -> body.getNumberOfSubscribers() > 0);
        StringBuilder streamed = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String chunk = String.format("%04d|", i);
            streamed.append(chunk);
            body.submit(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
            if (i % 20 == 0) {
                // the browser types at the start and, in between, right after its own earlier typing
                clients.insertAt("typist", 0, "~");
            }
        }
        body.close();
        HttpResponse<String> answer = response.get();
        assertEquals(200, answer.statusCode(), answer.body());
        await().atMost(CONVERGE).until(() -> clients.state("typist").text().contains(streamed));
        String text = clients.state("typist").text();
        assertEquals("~".repeat(15) + "[head]" + streamed, text);
        assertEquals(text, text(get(doc1, "/docs/" + doc + "/text/t")));
        clients.close("typist");
    }

    @Test
    void everyRefusalAppliesNothing() throws Exception {
        String doc = "refuse-" + UUID.randomUUID();
        clients.open("refuse", gateway.ws(), doc);
        await().atMost(CONVERGE).until(() -> clients.state("refuse").synced());
        clients.randomEdits("refuse", 31, 40);
        String before = canonical(clients.json("refuse", false));
        await().atMost(CONVERGE).until(() -> canonical(text(get(doc1, "/docs/" + doc + "/content" + ROOTS))).equals(before));
        UpdateLogScan log = new UpdateLogScan(broker.bootstrapServers());
        int updatesBefore = log.updates(doc);

        String ok = "{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"refused\",\"value\":1}";
        List<String[]> refused = List.of(
            new String[] {"[" + ok + ",{\"op\":\"text.insert\",\"root\":\"t\",\"index\":100000,\"text\":\"x\"}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"text.delete\",\"root\":\"t\",\"index\":0,\"length\":100000}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"array.delete\",\"root\":\"a\",\"index\":100000,\"length\":1}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"text.insert\",\"root\":\"nowhere\",\"index\":0,\"text\":\"x\"}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"map.set\",\"root\":\"t\",\"key\":\"k\",\"value\":1}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"text.insert\",\"root\":\"t\",\"text\":\"no index\"}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"text.replace\",\"root\":\"t\"}]", "1"},
            new String[] {"[" + ok + ",{\"op\":\"xml.insert\",\"root\":\"x\",\"index\":0,\"nodes\":[{\"element\":\"\"}]}]", "1"},
            new String[] {"[]", "-1"});
        for (int i = 0; i < refused.size(); i++) {
            HttpResponse<String> answer = edit(i % 2 == 0 ? doc1 : doc2, doc, "{\"ops\":" + refused.get(i)[0] + "}").get();
            assertEquals(422, answer.statusCode(), refused.get(i)[0] + " -> " + answer.body());
            assertEquals(Integer.parseInt(refused.get(i)[1]), JSON.readTree(answer.body()).get("op").asInt(),
                "the refusal names the failing operation: " + answer.body());
        }
        HttpResponse<String> notJson = edit(doc2, doc, "{\"ops\":[").get();
        assertEquals(422, notJson.statusCode(), notJson.body());
        // a body over skein.doc.max-edit-bytes (1 MiB) is refused before it is parsed
        String huge = "{\"ops\":[" + (ok + ",").repeat(24_000) + ok + "]}";
        assertTrue(huge.length() > 1_048_576);
        HttpResponse<String> tooLarge = edit(doc1, doc, huge).get();
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        // a stream into a root that is not a text
        HttpResponse<String> streamed = HTTP.send(HttpRequest.newBuilder(URI.create(doc2.http() + "/docs/" + doc + "/text/m/stream"))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(422, streamed.statusCode(), streamed.body());
        // an unknown document: nothing to read, and an edit that does not type its root is refused
        String unknown = "unknown-" + UUID.randomUUID();
        assertEquals(404, get(doc1, "/docs/" + unknown + "/content").statusCode());
        assertEquals(404, get(doc2, "/docs/" + unknown + "/text/t").statusCode());
        HttpResponse<String> untyped = edit(doc1, unknown, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":0,\"text\":\"x\"}]}").get();
        assertEquals(422, untyped.statusCode(), untyped.body());
        assertEquals(404, get(doc2, "/docs/" + unknown + "/content").statusCode(), "the refused edit created nothing");
        // an invalid document id
        assertEquals(400, edit(doc1, "bad%20id", "{\"ops\":[" + ok + "]}").get().statusCode());

        // one edit after them all: exactly one more update in the log, and every replica holds the
        // document as before plus that edit
        HttpResponse<String> marker = edit(doc2, doc, "{\"ops\":[{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"after\",\"value\":true}]}").get();
        assertEquals(200, marker.statusCode(), marker.body());
        JsonNode expected = JSON.readTree(before);
        ((ObjectNode) expected.get("m")).put("after", true);
        String expectedJson = canonical(expected.toString());
        await().atMost(CONVERGE).until(() -> canonical(clients.json("refuse", false)).equals(expectedJson));
        assertEquals(expectedJson, canonical(text(get(doc1, "/docs/" + doc + "/content" + ROOTS))));
        assertEquals(updatesBefore + 1, log.updates(doc), "the refused edits produced no update");
        clients.close("refuse");
    }
}
