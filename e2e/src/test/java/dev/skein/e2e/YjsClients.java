package dev.skein.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real Yjs clients (yjs 13.6 with the stock y-websocket provider) in one Node process running
 * {@code e2e/driver.mjs}, commanded over its standard input one JSON line at a time.
 */
final class YjsClients implements AutoCloseable {

    /**
     * What a client sees; {@code gaveUp}: the provider stopped reconnecting for good (y-websocket
     * 3.1's {@code closed} event); {@code remoteUpdates}: how many updates it applied from the server.
     */
    record State(String text, boolean synced, boolean connected, List<Integer> closeCodes, boolean gaveUp,
            int remoteUpdates) {
    }

    /** The shared array "log" as a client holds it (see {@link #burst}). */
    record Log(int length, int distinct, String sha256) {
    }

    /** A password-grant sign-in the client repeats when its token expires. */
    record SignIn(String tokenUrl, String clientId, String username, String password) {
    }

    /** A remote client's awareness state as a client holds it. */
    record Peer(long clientId, long clock, JsonNode state) {
    }

    /** A client's awareness: its own client id and clock, and the remote states it shows. */
    record Awareness(long self, long clock, Map<Long, Peer> remote) {

        /** The remote state of {@code clientId}, if this client shows one. */
        Optional<Peer> peer(long clientId) {
            return Optional.ofNullable(remote.get(clientId));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final Writer commands;
    private final BufferedReader answers;
    private int nextId;

    YjsClients(Path e2eDir, Path log) throws IOException, InterruptedException {
        if (!Files.isDirectory(e2eDir.resolve("node_modules/y-websocket"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(e2eDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + e2eDir + ", see " + log);
            }
        }
        node = new ProcessBuilder("node", "driver.mjs")
            .directory(e2eDir.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Opens a client of {@code doc} against a gateway's y-websocket URL. */
    void open(String client, String url, String doc) {
        send(command("open", client).put("url", url).put("doc", doc));
    }

    /**
     * Opens a client of {@code kind}: {@code 3.1}, {@code 3.0} or {@code 2.1} (the stock
     * y-websocket release) or {@code raw} (a y-protocols client without y-websocket).
     */
    void open(String client, String url, String doc, String kind) {
        send(command("open", client).put("url", url).put("doc", doc).put("kind", kind));
    }

    /** Opens a signed-in client of {@code kind} that signs in again when the gateway closes with 4401. */
    void open(String client, String url, String doc, String kind, SignIn signIn) {
        ObjectNode command = command("open", client).put("url", url).put("doc", doc).put("kind", kind);
        command.set("auth", JSON.valueToTree(signIn));
        send(command);
    }

    /**
     * Opens a signed-in stock y-websocket 3.1 client (token as {@code ?token=}, what the provider's
     * {@code params} does); returns its awareness client id, what presence-service lists.
     */
    long openSignedIn(String client, String url, String doc, SignIn signIn) {
        return openSignedIn(client, url, doc, signIn, true);
    }

    /** As {@link #openSignedIn(String, String, String, SignIn)}; {@code renew} false as in {@link #openWithoutRenewal}. */
    long openSignedIn(String client, String url, String doc, SignIn signIn, boolean renew) {
        ObjectNode command = command("open", client).put("url", url).put("doc", doc).put("renew", renew);
        command.set("auth", JSON.valueToTree(signIn));
        return send(command).path("clientId").asLong();
    }

    /** Pushes {@code prefix:0 .. prefix:count-1} onto the shared array "log", one transaction each. */
    void burst(String client, String prefix, int count) {
        send(command("burst", client).put("prefix", prefix).put("count", count));
    }

    /** The client's shared array "log". */
    Log log(String client) {
        JsonNode result = send(command("log", client));
        return new Log(result.get("length").asInt(), result.get("distinct").asInt(), result.get("sha256").asText());
    }

    /** Stops reading the client's socket, as a frozen tab: what the server sends piles up. */
    void stall(String client) {
        send(command("stall", client));
    }

    /** Reads the client's socket again. */
    void unstall(String client) {
        send(command("unstall", client));
    }

    /**
     * Opens a client that does not renew its own awareness state every 15 s (y-protocols' timer
     * is stopped), so that others can learn its state only from what the server hands out.
     */
    void openWithoutRenewal(String client, String url, String doc) {
        send(command("open", client).put("url", url).put("doc", doc).put("renew", false));
    }

    /** Sets a field of the client's local awareness state; returns its new clock. */
    long setState(String client, String field, Object value) {
        return send(command("setState", client).put("field", field).set("value", JSON.valueToTree(value)))
            .get("clock").asLong();
    }

    /** Sets a field of the local awareness state and disconnects in the same tick (a tab closed right after a move). */
    void setStateAndDisconnect(String client, String field, Object value) {
        ObjectNode command = command("setState", client).put("field", field).put("disconnect", true);
        command.set("value", JSON.valueToTree(value));
        send(command);
    }

    /** The client's awareness. */
    Awareness awareness(String client) {
        JsonNode result = send(command("awareness", client));
        Map<Long, Peer> remote = new LinkedHashMap<>();
        result.get("remote").forEach(peer -> remote.put(peer.get("clientId").asLong(),
            new Peer(peer.get("clientId").asLong(), peer.get("clock").asLong(), peer.get("state"))));
        return new Awareness(result.get("self").asLong(), result.get("clock").asLong(), remote);
    }

    /** Ends the client's socket without a goodbye (no awareness removal, no reconnect), as a crashed tab. */
    void drop(String client) {
        send(command("drop", client));
    }

    /** Appends text to the client's shared text. */
    void insert(String client, String text) {
        send(command("insert", client).put("text", text));
    }

    /** Appends {@code chunks} updates of {@code chunkChars} characters each. */
    void fill(String client, int chunks, int chunkChars) {
        send(command("fill", client).put("chunks", chunks).put("chunkChars", chunkChars));
    }

    /** Length and SHA-256 of the client's text, as "length:hex". */
    String digest(String client) {
        JsonNode result = send(command("digest", client));
        return result.get("length").asInt() + ":" + result.get("sha256").asText();
    }

    /** Takes the client offline (it keeps editing locally). */
    void disconnect(String client) {
        send(command("disconnect", client));
    }

    /** Brings the client back online; it resyncs. */
    void connect(String client) {
        send(command("connect", client));
    }

    /** Closes the client. */
    void close(String client) {
        send(command("close", client));
    }

    /** The client's view. */
    State state(String client) {
        JsonNode result = send(command("state", client));
        List<Integer> codes = new ArrayList<>();
        result.get("closeCodes").forEach(code -> codes.add(code.asInt()));
        return new State(result.get("text").asText(), result.get("synced").asBoolean(),
            result.get("connected").asBoolean(), codes, result.get("gaveUp").asBoolean(),
            result.get("remoteUpdates").asInt());
    }

    /** Inserts {@code text} at {@code index} of the shared text "t". */
    void insertAt(String client, int index, String text) {
        send(command("insertAt", client).put("index", index).put("text", text));
    }

    /** {@code count} random edits of the roots t, m, a and x, one transaction each (see {@code random-edits.mjs}). */
    void randomEdits(String client, long seed, int count) {
        send(command("randomEdits", client).put("seed", seed).put("count", count));
    }

    /** JSON.stringify of the client's roots t, m, a, x as yjs renders them (the text's delta with {@code delta}). */
    String json(String client, boolean delta) {
        return send(command("json", client).put("delta", delta)).get("json").asText();
    }

    /** The same for a fresh yjs document holding {@code state} (one Yjs v1 update). */
    String jsonOfState(byte[] state, boolean delta) {
        return send(JSON.createObjectNode().put("cmd", "jsonOfState")
            .put("state", java.util.Base64.getEncoder().encodeToString(state)).put("delta", delta)).get("json").asText();
    }

    /** The same for a fresh yjs document that applied {@code updates} (Yjs v1) in order. */
    String jsonOfUpdates(List<byte[]> updates, boolean delta) {
        ObjectNode command = JSON.createObjectNode().put("cmd", "jsonOfUpdates").put("delta", delta);
        com.fasterxml.jackson.databind.node.ArrayNode encoded = command.putArray("updates");
        updates.forEach(update -> encoded.add(java.util.Base64.getEncoder().encodeToString(update)));
        return send(command).get("json").asText();
    }

    /** What a follower without Yjs holds after the change records (values, in order), from {@code initial}. */
    String followChanges(List<String> records, String initial) {
        ObjectNode command = JSON.createObjectNode().put("cmd", "followChanges").put("initial", initial);
        records.forEach(command.putArray("records")::add);
        return send(command).get("json").asText();
    }

    private ObjectNode command(String cmd, String client) {
        return JSON.createObjectNode().put("cmd", cmd).put("client", client);
    }

    /** Sends a prepared command. */
    synchronized JsonNode send(ObjectNode command) {
        int id = ++nextId;
        command.put("id", id);
        try {
            commands.write(JSON.writeValueAsString(command) + "\n");
            commands.flush();
            while (true) {
                String line = answers.readLine();
                if (line == null) {
                    throw new IllegalStateException("the Node driver exited");
                }
                JsonNode answer = JSON.readTree(line);
                if (answer.path("id").asInt() == id) {
                    if (!answer.path("ok").asBoolean()) {
                        throw new IllegalStateException(answer.path("error").asText());
                    }
                    return answer.get("result");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            node.destroy();
        }
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }
}
