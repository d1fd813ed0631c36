package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skein.testkit.keycloak.SkeinRealm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Version history end to end (issue 21), everything real and authentication on ({@link SecuredStack}:
 * a Kafka broker, an S3-API server, Keycloak, auth-service, persistence-service recording versions,
 * doc-service reading them from the same storage, a gateway) with signed-in stock y-websocket
 * clients of alice and bob making random edits of formatted text, maps, arrays and XML:
 * <ul>
 *   <li>versions taken on demand are listed newest first with their labels and the people who
 *       changed the document since the previous one;</li>
 *   <li>the JSON of every version is what yjs computes from the update log cut at the version's
 *       offset, and the version served as a Yjs update shows the same in yjs;</li>
 *   <li>restoring the oldest version reaches the connected editors as ordinary updates (no
 *       reconnect, no reload) and leaves them showing that version; the log moves forward, so a
 *       version taken afterwards equals the restored one, and restoring the newest version undoes
 *       the restore;</li>
 *   <li>someone without a grant cannot list, a reader lists but can neither take nor restore.</li>
 * </ul>
 * persistence-service's idle and interval versions are pushed out to an hour so that exactly the
 * requested versions exist. Logs: {@code e2e/target/e2e-logs/version-history/}.
 */
class VersionHistoryIT {

    private static final String ROOTS = "root=t:text&root=m:map&root=a:array&root=x:xml";
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SecuredStack stack;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/version-history"));
        stack = new SecuredStack(root, logs, List.of(),
            List.of("-Dskein.history.idle=1h", "-Dskein.history.max-interval=1h"));
        clients = new YjsClients(root.resolve("e2e"), logs.resolve("node-driver.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.doc().http() + path))
            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String path, String token) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.doc().http() + path))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    /** JSON with object keys sorted: a key's place in a yjs map depends on the order a replica saw it. */
    private static String canonical(String json) throws Exception {
        return JSON.writeValueAsString(JSON.treeToValue(JSON.readTree(json), Object.class));
    }

    private static String content(String doc, String token) throws Exception {
        HttpResponse<String> response = call("GET", "/docs/" + doc + "/content?" + ROOTS + "&text=delta", token, null);
        assertEquals(200, response.statusCode(), response.body());
        return canonical(response.body());
    }

    /** Waits until both editors and doc-service show the same document, so that every edit is in the log. */
    private static String converged(String doc, String token, String... editors) throws Exception {
        await().atMost(SOON).until(() -> {
            String first = canonical(clients.json(editors[0], true));
            for (String editor : editors) {
                if (!canonical(clients.json(editor, true)).equals(first)) {
                    return false;
                }
            }
            return content(doc, token).equals(first);
        });
        return canonical(clients.json(editors[0], true));
    }

    private static JsonNode take(String doc, String token, String label) throws Exception {
        HttpResponse<String> response = call("POST", "/docs/" + doc + "/versions", token,
            label == null ? null : "{\"label\":\"" + label + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode version = JSON.readTree(response.body());
        assertEquals("/docs/" + doc + "/versions/" + version.get("version").asLong(),
            URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
        return version;
    }

    private static List<String> authors(JsonNode version) {
        List<String> authors = new ArrayList<>();
        version.get("authors").forEach(a -> authors.add(a.asText()));
        return authors;
    }

    /** What the real yjs shows after the document's update records up to and including {@code version}. */
    private static String yjsAt(String doc, long version, boolean delta) throws Exception {
        List<byte[]> cut = new UpdateLogScan(stack.bootstrapServers()).updateRecords(doc).stream()
            .filter(record -> record.offset() <= version).map(UpdateLogScan.Logged::update).toList();
        return canonical(clients.jsonOfUpdates(cut, delta));
    }

    private static String versionContent(String doc, long version, String token, boolean delta) throws Exception {
        HttpResponse<String> response = call("GET", "/docs/" + doc + "/versions/" + version + "/content?" + ROOTS
            + (delta ? "&text=delta" : ""), token, null);
        assertEquals(200, response.statusCode(), response.body());
        return canonical(response.body());
    }

    @Test
    void versionsShowTheLogAtTheirOffsetAndRestoreReachesOpenEditorsAsOrdinaryEdits() throws Exception {
        String doc = "history-" + UUID.randomUUID();
        String alice = RealmTokens.person("alice");
        String bob = RealmTokens.person("bob");
        String carol = RealmTokens.person("carol");
        assertEquals(201, HttpProbe.status("POST", stack.auth().http() + "/documents/" + doc, alice, null, null));
        assertEquals(200, HttpProbe.status("PUT", stack.auth().http() + "/documents/" + doc + "/grants/bob", alice,
            "{\"role\":\"write\"}".getBytes(StandardCharsets.UTF_8), "application/json"));
        String tokenUrl = stack.issuer() + "/protocol/openid-connect/token";
        clients.openSignedIn("alice-ed", stack.gateway().ws(), doc,
            new YjsClients.SignIn(tokenUrl, SkeinRealm.WEB_CLIENT, "alice", "alice"));
        clients.openSignedIn("bob-ed", stack.gateway().ws(), doc,
            new YjsClients.SignIn(tokenUrl, SkeinRealm.WEB_CLIENT, "bob", "bob"));
        await().atMost(SOON).until(() -> clients.state("alice-ed").synced() && clients.state("bob-ed").synced());

        // three versions: alice's draft, bob's pass, then both of them (unlabelled, taken by alice)
        clients.randomEdits("alice-ed", 2101, 60);
        String afterAlice = converged(doc, alice, "alice-ed", "bob-ed");
        JsonNode draft = take(doc, alice, "draft");
        assertEquals(List.of("alice"), authors(draft));
        assertEquals("draft", draft.get("label").asText());
        assertEquals("alice", draft.get("labelledBy").asText());
        assertEquals("request", draft.get("trigger").asText());

        clients.randomEdits("bob-ed", 2102, 60);
        String afterBob = converged(doc, alice, "alice-ed", "bob-ed");
        JsonNode pass = take(doc, bob, "bob's pass");
        assertEquals(List.of("bob"), authors(pass));

        clients.randomEdits("alice-ed", 2103, 30);
        clients.randomEdits("bob-ed", 2104, 30);
        String afterBoth = converged(doc, alice, "alice-ed", "bob-ed");
        JsonNode both = take(doc, alice, null);
        assertEquals(List.of("alice", "bob"), authors(both));
        assertEquals("", both.get("label").asText());

        long v1 = draft.get("version").asLong();
        long v2 = pass.get("version").asLong();
        long v3 = both.get("version").asLong();
        assertTrue(v1 < v2 && v2 < v3, v1 + " < " + v2 + " < " + v3);
        Map<Long, String> shown = new LinkedHashMap<>();
        shown.put(v1, afterAlice);
        shown.put(v2, afterBob);
        shown.put(v3, afterBoth);
        assertEquals(3, shown.values().stream().distinct().count(), "the edits changed the document between versions");

        // listed newest first, as taken
        HttpResponse<String> listed = call("GET", "/docs/" + doc + "/versions", alice, null);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode list = JSON.readTree(listed.body());
        assertEquals(List.of(v3, v2, v1), versions(list));
        assertEquals(List.of(List.of("alice", "bob"), List.of("bob"), List.of("alice")),
            List.of(authors(list.get(0)), authors(list.get(1)), authors(list.get(2))));
        assertEquals(List.of("", "bob's pass", "draft"),
            List.of(list.get(0).get("label").asText(), list.get(1).get("label").asText(), list.get(2).get("label").asText()));
        for (int i = 0; i < 3; i++) {
            assertTrue(list.get(i).get("bytes").asLong() > 0, list.toString());
            assertTrue(i == 0 || list.get(i - 1).get("time").asLong() >= list.get(i).get("time").asLong(), list.toString());
        }

        // every version's JSON is what yjs computes from the log cut at its offset, and what the editors showed then
        for (Map.Entry<Long, String> version : shown.entrySet()) {
            long v = version.getKey();
            String json = versionContent(doc, v, alice, true);
            assertEquals(yjsAt(doc, v, true), json, "version " + v + " against yjs on the log cut there");
            assertEquals(yjsAt(doc, v, false), versionContent(doc, v, alice, false), "version " + v + " as plain text");
            assertEquals(version.getValue(), json, "version " + v + " against the editors at the time");
            assertEquals(json, canonical(clients.jsonOfState(bytes("/docs/" + doc + "/versions/" + v, alice), true)),
                "version " + v + " served as a Yjs update, loaded by yjs");
        }
        HttpResponse<String> diff = call("GET", "/docs/" + doc + "/versions/" + v1 + "/diff?to=" + v2 + "&" + ROOTS, alice, null);
        assertEquals(200, diff.statusCode(), diff.body());
        assertEquals(List.of("bob"), authors(JSON.readTree(diff.body())));

        // access: nothing without a grant; a reader lists and reads but neither takes nor restores
        assertEquals(403, call("GET", "/docs/" + doc + "/versions", carol, null).statusCode());
        assertEquals(403, call("GET", "/docs/" + doc + "/versions/" + v1 + "/content", carol, null).statusCode());
        assertEquals(200, HttpProbe.status("PUT", stack.auth().http() + "/documents/" + doc + "/grants/carol", alice,
            "{\"role\":\"read\"}".getBytes(StandardCharsets.UTF_8), "application/json"));
        await().atMost(SOON).until(() -> call("GET", "/docs/" + doc + "/versions", carol, null).statusCode() == 200);
        assertEquals(shown.get(v1), versionContent(doc, v1, carol, true));
        assertEquals(403, call("POST", "/docs/" + doc + "/versions", carol, "{\"label\":\"mine\"}").statusCode());
        assertEquals(403, call("POST", "/docs/" + doc + "/versions/" + v1 + "/restore?" + ROOTS, carol, null).statusCode());
        assertEquals(afterBoth, content(doc, alice), "the refused restore changed nothing");

        // bob restores the oldest version: both editors get it as updates over their open connections
        YjsClients.State before = clients.state("alice-ed");
        HttpResponse<String> restored = call("POST", "/docs/" + doc + "/versions/" + v1 + "/restore?" + ROOTS, bob, null);
        assertEquals(200, restored.statusCode(), restored.body());
        assertEquals(v1, JSON.readTree(restored.body()).get("version").asLong());
        await().atMost(SOON).until(() -> canonical(clients.json("alice-ed", true)).equals(shown.get(v1))
            && canonical(clients.json("bob-ed", true)).equals(shown.get(v1)));
        YjsClients.State after = clients.state("alice-ed");
        assertTrue(after.remoteUpdates() > before.remoteUpdates(), before + " then " + after);
        assertEquals(before.closeCodes(), after.closeCodes(), "no reconnect: the restore came as ordinary updates");
        assertTrue(after.connected() && after.synced(), after.toString());
        assertEquals(shown.get(v1), content(doc, alice));

        // history moved forward: a version now is the restored one, by bob; the older versions stay as they were
        JsonNode restoredVersion = take(doc, alice, "restored");
        long v4 = restoredVersion.get("version").asLong();
        assertTrue(v4 > v3);
        assertEquals(List.of("bob"), authors(restoredVersion));
        assertEquals(shown.get(v1), versionContent(doc, v4, alice, true));
        assertEquals(yjsAt(doc, v4, true), versionContent(doc, v4, alice, true));
        assertEquals(afterBoth, versionContent(doc, v3, alice, true));

        // and restoring the newest version before the restore undoes it
        HttpResponse<String> undone = call("POST", "/docs/" + doc + "/versions/" + v3 + "/restore?" + ROOTS, alice, null);
        assertEquals(200, undone.statusCode(), undone.body());
        await().atMost(SOON).until(() -> canonical(clients.json("alice-ed", true)).equals(afterBoth)
            && canonical(clients.json("bob-ed", true)).equals(afterBoth));
        assertEquals(afterBoth, content(doc, bob));
        assertNotEquals(afterBoth, shown.get(v1));
        assertEquals(List.of(v4, v3, v2, v1), versions(JSON.readTree(call("GET", "/docs/" + doc + "/versions", bob, null).body())));
        clients.close("alice-ed");
        clients.close("bob-ed");
    }

    private static List<Long> versions(JsonNode list) {
        List<Long> versions = new ArrayList<>();
        list.forEach(v -> versions.add(v.get("version").asLong()));
        return versions;
    }
}
