package dev.skein.gateway.awareness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.testkit.net.FreePorts;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Plays presence-service's {@code GET /docs/{id}/awareness}, answering by the document id's
 * prefix so that it needs no state shared with the test: {@code known-} gets {@link #KNOWN},
 * {@code silent-} gets no answer at all (the gateway's timeout must fire), anything else 204.
 */
final class PresenceStub {

    /** The awareness the stub knows for every {@code known-} document. */
    static final byte[] KNOWN = AwarenessUpdate.encode(List.of(
        new AwarenessUpdate.Entry(999, 3, "{\"user\":{\"name\":\"Remote\"}}")));

    private PresenceStub() {
    }

    /** Starts a stub on a free loopback port and returns its base URL; it lives as long as the JVM. */
    static String start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePorts.loopback(), FreePorts.freePort()), 0);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "presence-stub");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/docs/", PresenceStub::answer);
            server.start();
            return "http://" + FreePorts.LOOPBACK_HOST + ":" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String docId = exchange.getRequestURI().getPath().split("/")[2];
        if (docId.startsWith("silent-")) {
            // never answered: the exchange stays open until the client gives up
            return;
        }
        if (docId.startsWith("known-")) {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, KNOWN.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(KNOWN);
            }
            return;
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }
}
