package dev.skein.localrun;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.demo.DemoAssets;
import dev.skein.testkit.net.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the demo editor page (from the demo-web jar) and its {@code config.json}, which tells
 * the page where the gateways are (the page connects to the first unless {@code ?gateway=N} picks
 * another) and, with sign-in on, Keycloak and auth-service. Only GET and HEAD of files directly
 * under {@code /}.
 */
final class EditorServer implements Component {

    private static final String NAME = "editor";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> gatewayUrls;
    private final String docServiceUrl;
    private volatile byte[] config;
    private volatile boolean running;

    private EditorServer(HttpServer server, ExecutorService executor, List<String> gatewayUrls, String docServiceUrl) {
        this.server = server;
        this.executor = executor;
        this.gatewayUrls = List.copyOf(gatewayUrls);
        this.docServiceUrl = docServiceUrl;
        this.config = DemoAssets.withDocService(DemoAssets.configJson(gatewayUrls), docServiceUrl)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts serving on {@code port} of 127.0.0.1.
     *
     * @param gatewayUrls the gateways' base URLs the page may give its WebSocket provider, e.g.
     *     {@code ws://127.0.0.1:8081/ws}; the first is the default
     * @param docServiceUrl doc-service's base URL, for the page's service-edit button
     * @throws StartupException if the port cannot be bound or the page is not on the classpath
     */
    static EditorServer start(int port, List<String> gatewayUrls, String docServiceUrl) {
        if (DemoAssets.find(DemoAssets.INDEX).isEmpty()) {
            throw new StartupException("The demo page is not on the classpath (" + DemoAssets.RESOURCE_ROOT
                    + DemoAssets.INDEX + "); build demo-web with ./mvnw install -DskipTests");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(FreePorts.loopback(), port), 0);
        } catch (IOException e) {
            throw new StartupException("The editor page cannot listen on " + FreePorts.LOOPBACK_HOST + ":" + port
                    + " (" + e.getMessage() + "); choose another port with --editor-port N", e);
        }
        // A few threads: a browser loads the page's files in parallel.
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "skein-editor-http");
            thread.setDaemon(true);
            return thread;
        });
        EditorServer editor = new EditorServer(server, executor, gatewayUrls, docServiceUrl);
        server.createContext("/", editor::handle);
        server.setExecutor(executor);
        server.start();
        editor.running = true;
        return editor;
    }

    /**
     * Turns the page's sign-in on: {@code config.json} gets Keycloak, the demo client, auth-service
     * and the example users; the page lists the user's documents from auth-service.
     */
    void enableSignIn(DemoAssets.SignIn signIn) {
        config = DemoAssets.withDocService(DemoAssets.configJson(gatewayUrls, signIn), docServiceUrl)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The port the page is served on. */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public String failureReport() {
        return "the editor page server stopped";
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = exchange.getRequestURI().getPath().substring(1);
            if (name.equals(DemoAssets.CONFIG_FILE)) {
                send(exchange, 200, DemoAssets.contentType(name), config);
                return;
            }
            Optional<URL> asset = DemoAssets.find(name);
            if (asset.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (InputStream in = asset.get().openStream()) {
                send(exchange, 200, DemoAssets.contentType(name), in.readAllBytes());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // The page and its settings change with every build and run; never serve a stale copy.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
