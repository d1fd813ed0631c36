package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page server against the real demo-web jar on the test classpath. */
class EditorServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private EditorServer server;

    @BeforeEach
    void start() {
        server = EditorServer.start(0, List.of("ws://127.0.0.1:18081/ws", "ws://127.0.0.1:18086/ws"),
            "http://127.0.0.1:18082");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageItsBundleAndTheGatewayAddress() throws Exception {
        HttpResponse<String> page = get("/?doc=notes");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("editor.js"));

        HttpResponse<String> bundle = get("/editor.js");
        assertEquals(200, bundle.statusCode());
        assertEquals("text/javascript; charset=utf-8", bundle.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<String> config = get("/config.json");
        assertEquals(200, config.statusCode());
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:18081/ws\","
                + "\"gateways\":[\"ws://127.0.0.1:18081/ws\",\"ws://127.0.0.1:18086/ws\"],"
                + "\"docServiceUrl\":\"http://127.0.0.1:18082\"}", config.body());
        assertEquals("no-cache", config.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void withSignInTheConfigTellsThePageWhereToSignInAndShare() throws Exception {
        server.enableSignIn(new dev.skein.demo.DemoAssets.SignIn("http://127.0.0.1:18180/realms/skein", "skein-web",
                "http://127.0.0.1:18085", List.of("alice", "bob", "carol")));

        String config = get("/config.json").body();

        assertTrue(config.startsWith("{\"gatewayUrl\":\"ws://127.0.0.1:18081/ws\","), config);
        assertTrue(config.endsWith(",\"auth\":{\"issuer\":\"http://127.0.0.1:18180/realms/skein\",\"clientId\":\"skein-web\","
                + "\"authServiceUrl\":\"http://127.0.0.1:18085\",\"exampleUsers\":[\"alice\",\"bob\",\"carol\"]},"
                + "\"docServiceUrl\":\"http://127.0.0.1:18082\"}"),
                config);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/config.json"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void nothingOutsideThePageIsServed() throws Exception {
        assertEquals(404, get("/missing.js").statusCode());
        assertEquals(404, get("/../pom.xml").statusCode());
        assertEquals(404, get("/META-INF/resources/demo/index.html").statusCode());
        assertEquals(404, get("/dev/skein/demo/DemoAssets.class").statusCode());
    }

    @Test
    void onlyReads() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/config.json")).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void stopsWhenClosed() {
        assertTrue(server.isRunning());
        server.close();
        assertTrue(Ports.isFree(server.port()));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
