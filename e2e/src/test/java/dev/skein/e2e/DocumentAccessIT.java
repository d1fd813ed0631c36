package dev.skein.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.testkit.keycloak.SkeinRealm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * doc-service's API for people, end to end: real Keycloak, real auth-service on PostgreSQL (the
 * grants), doc-service asking it with its own service token, and a stock y-websocket client of the
 * owner on the gateway. The owner edits over REST and sees it in her editor; a reader reads but is
 * refused edits; someone without a grant is refused reads; a grant raised to write lets the edit
 * through (visible in the owner's editor), and a revoked grant is refused within seconds although
 * doc-service caches roles — the ACL change event clears them.
 */
class DocumentAccessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration SOON = Duration.ofSeconds(15);

    private static SecuredStack stack;
    private static YjsClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("skein.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs/document-access"));
        stack = new SecuredStack(root, logs, List.of());
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

    private static String edit(String text) {
        return "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":\"end\",\"text\":\"" + text + "\"}],"
            + "\"roots\":{\"t\":\"text\"}}";
    }

    private static int postEdit(String doc, String token, String text) {
        return HttpProbe.status("POST", stack.doc().http() + "/docs/" + doc + "/edits", token,
            edit(text).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static HttpResponse<String> text(String doc, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.doc().http() + "/docs/" + doc + "/text/t"))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void grant(String doc, String principal, String role) {
        assertEquals(200, HttpProbe.status("PUT", stack.auth().http() + "/documents/" + doc + "/grants/" + principal,
            RealmTokens.person("alice"), ("{\"role\":\"" + role + "\"}").getBytes(), "application/json"));
    }

    @Test
    void peopleReadAndEditByTheirRoleOnTheDocument() throws Exception {
        String doc = "people-api-" + UUID.randomUUID();
        String alice = RealmTokens.person("alice");
        String bob = RealmTokens.person("bob");
        String carol = RealmTokens.person("carol");
        assertEquals(201, HttpProbe.status("POST", stack.auth().http() + "/documents/" + doc, alice, null, null));
        grant(doc, "bob", "read");
        String editor = "alice-editor";
        clients.openSignedIn(editor, stack.gateway().ws(), doc, new YjsClients.SignIn(
            stack.issuer() + "/protocol/openid-connect/token", SkeinRealm.WEB_CLIENT, "alice", "alice"));
        await().atMost(SOON).until(() -> clients.state(editor).synced());

        // the owner edits over REST and her editor shows it through the gateway
        assertEquals(200, postEdit(doc, alice, "owner;"));
        await().atMost(SOON).until(() -> clients.state(editor).text().equals("owner;"));

        // a reader reads, but may not edit; without a grant, not even read
        HttpResponse<String> read = text(doc, bob);
        assertEquals(200, read.statusCode());
        assertEquals("owner;", read.body());
        assertEquals(403, postEdit(doc, bob, "reader;"));
        assertEquals(403, text(doc, carol).statusCode());
        assertEquals(403, postEdit(doc, carol, "stranger;"));

        // raised to write: the ACL change event lets bob's edit through, into alice's editor
        grant(doc, "bob", "write");
        await().atMost(SOON).until(() -> postEdit(doc, bob, "writer;") == 200);
        await().atMost(SOON).until(() -> clients.state(editor).text().equals("owner;writer;"));

        // revoked: refused from the change event on, well before the cached role (10 s) runs out
        assertEquals(204, HttpProbe.status("DELETE", stack.auth().http() + "/documents/" + doc + "/grants/bob", alice,
            null, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> text(doc, bob).statusCode() == 403);
        assertEquals(403, postEdit(doc, bob, "revoked;"));
        assertEquals("owner;writer;", text(doc, alice).body());
        clients.close(editor);
    }
}
