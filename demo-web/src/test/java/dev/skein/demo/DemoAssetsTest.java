package dev.skein.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page the build produced is on the classpath, complete, and served only by plain names. */
class DemoAssetsTest {

    @Test
    void pageReferencesTheBundleAndTheBundleWasBuilt() throws IOException {
        String index = read("");
        assertTrue(index.contains("src=\"editor.js\""), "index.html loads editor.js");
        assertTrue(index.contains("id=\"status\""), "index.html has the status line");
        String bundle = read("editor.js");
        // Strings survive minification: y-codemirror.next's caret class and the page's own
        // config file name show that both were bundled.
        assertTrue(bundle.contains("cm-ySelectionCaret"), "y-codemirror.next bundled");
        assertTrue(bundle.contains("config.json"), "the page's own code bundled");
        assertTrue(bundle.length() > 100_000, "CodeMirror and Yjs bundled, not left as imports");
        assertTrue(DemoAssets.find("style.css").isPresent());
    }

    @Test
    void namesThatLeaveTheFolderAreNotFound() {
        for (String name : new String[] {"../index.html", "..", ".hidden", "a/b.js", "%2e%2e", "missing.js"}) {
            assertTrue(DemoAssets.find(name).isEmpty(), name);
        }
    }

    @Test
    void configJsonNamesTheGateway() {
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:8081/ws\"}", DemoAssets.configJson("ws://127.0.0.1:8081/ws"));
        assertThrows(IllegalArgumentException.class, () -> DemoAssets.configJson("ws://x\",\"evil\":\"1"));
        assertThrows(IllegalArgumentException.class, () -> DemoAssets.configJson("http://127.0.0.1:8081/ws"));
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:8081/ws\",\"gateways\":[\"ws://127.0.0.1:8081/ws\",\"ws://127.0.0.1:8086/ws\"]}",
            DemoAssets.configJson(java.util.List.of("ws://127.0.0.1:8081/ws", "ws://127.0.0.1:8086/ws")));
        assertThrows(IllegalArgumentException.class,
            () -> DemoAssets.configJson(java.util.List.of("ws://127.0.0.1:8081/ws", "ws://x\",\"evil\":\"1")));
        assertThrows(IllegalArgumentException.class, () -> DemoAssets.configJson(java.util.List.of()));
    }

    @Test
    void configJsonCanNameDocServiceForTheServiceEditButton() {
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:8081/ws\",\"docServiceUrl\":\"http://127.0.0.1:8082\"}",
                DemoAssets.withDocService(DemoAssets.configJson("ws://127.0.0.1:8081/ws"), "http://127.0.0.1:8082"));
        assertThrows(IllegalArgumentException.class,
                () -> DemoAssets.withDocService("{}", "http://x\",\"evil\":\"1"));
        assertThrows(IllegalArgumentException.class, () -> DemoAssets.withDocService("{}", "ws://127.0.0.1:8082"));
    }

    @Test
    void configJsonWithSignInNamesKeycloakTheClientAuthServiceAndTheExampleUsers() {
        DemoAssets.SignIn signIn = new DemoAssets.SignIn("http://127.0.0.1:8180/realms/skein", "skein-web",
                "http://127.0.0.1:8085", java.util.List.of("alice", "bob"));
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:8081/ws\",\"gateways\":[\"ws://127.0.0.1:8081/ws\"],"
                + "\"auth\":{\"issuer\":\"http://127.0.0.1:8180/realms/skein\",\"clientId\":\"skein-web\","
                + "\"authServiceUrl\":\"http://127.0.0.1:8085\",\"exampleUsers\":[\"alice\",\"bob\"]}}",
                DemoAssets.configJson(java.util.List.of("ws://127.0.0.1:8081/ws"), signIn));
        assertThrows(IllegalArgumentException.class, () -> new DemoAssets.SignIn("http://x\",\"evil\":\"1",
                "skein-web", "http://127.0.0.1:8085", java.util.List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DemoAssets.SignIn("http://127.0.0.1:8180/realms/skein",
                "skein-web", "http://127.0.0.1:8085", java.util.List.of("al\"ice")));
    }

    @Test
    void configJsonNamesPresenceServiceWhenGiven() {
        DemoAssets.SignIn signIn = new DemoAssets.SignIn("http://127.0.0.1:8180/realms/skein", "skein-web",
                "http://127.0.0.1:8085", "http://127.0.0.1:8084", java.util.List.of("alice"));
        assertEquals("{\"gatewayUrl\":\"ws://127.0.0.1:8081/ws\",\"gateways\":[\"ws://127.0.0.1:8081/ws\"],"
                + "\"auth\":{\"issuer\":\"http://127.0.0.1:8180/realms/skein\",\"clientId\":\"skein-web\","
                + "\"authServiceUrl\":\"http://127.0.0.1:8085\",\"presenceUrl\":\"http://127.0.0.1:8084\","
                + "\"exampleUsers\":[\"alice\"]}}",
                DemoAssets.configJson(java.util.List.of("ws://127.0.0.1:8081/ws"), signIn));
        assertThrows(IllegalArgumentException.class, () -> new DemoAssets.SignIn("http://127.0.0.1:8180/realms/skein",
                "skein-web", "http://127.0.0.1:8085", "http://x\",\"evil\":\"1", java.util.List.of()));
    }

    @Test
    void contentTypes() {
        assertEquals("text/html; charset=utf-8", DemoAssets.contentType(""));
        assertEquals("text/javascript; charset=utf-8", DemoAssets.contentType("editor.js"));
        assertEquals("text/css; charset=utf-8", DemoAssets.contentType("style.css"));
    }

    private static String read(String name) throws IOException {
        URL url = DemoAssets.find(name).orElseThrow(() -> new AssertionError("missing " + name));
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
