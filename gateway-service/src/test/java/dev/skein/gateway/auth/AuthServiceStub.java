package dev.skein.gateway.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.messaging.KafkaClientSettings;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.net.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Stands in for auth-service in the gateway's tests: answers {@code GET /documents/{doc}/role}
 * from grants held in memory (refusing calls without a bearer token), and, like auth-service,
 * publishes every grant change on the real ACL-change topic. Tests change grants over HTTP
 * ({@code POST /stub/grants?doc=&principal=&role=}), so they need no reference into the class
 * loader the resource runs in. auth-service's own rules are tested in auth-service.
 *
 * <p>To let a test play an ACL change that overtakes a role lookup, answers about a document can
 * be held back ({@code POST /stub/hold?doc=}): such a lookup's answer is decided when the request
 * arrives and sent only after {@code POST /stub/release?doc=}; {@code GET /stub/held?doc=} says
 * how many answers wait.
 */
public class AuthServiceStub implements QuarkusTestResourceLifecycleManager {

    /** Configuration key of the stub's base URL (also the gateway's auth-service URL). */
    public static final String URL_KEY = "skein.gateway.auth.auth-service-url";

    private final Map<String, AccessRole> grants = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private HttpServer server;
    private KafkaProducer<String, byte[]> producer;

    @Override
    public Map<String, String> start() {
        producer = new KafkaProducer<>(KafkaClientSettings.producer(
                KafkaTestResource.broker().bootstrapServers(), "auth-stub", 64 * 1024));
        try {
            server = HttpServer.create(new InetSocketAddress(FreePorts.loopback(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/documents/", this::role);
        server.createContext("/stub/grants", this::grant);
        server.createContext("/stub/hold", exchange -> {
            holds.put(query(exchange).get("doc"), new CountDownLatch(1));
            respond(exchange, 204, null);
        });
        server.createContext("/stub/release", exchange -> {
            CountDownLatch hold = holds.remove(query(exchange).get("doc"));
            if (hold != null) {
                hold.countDown();
            }
            respond(exchange, 204, null);
        });
        server.createContext("/stub/held", exchange -> respond(exchange, 200,
                Integer.toString(held.computeIfAbsent(query(exchange).get("doc"), d -> new AtomicInteger()).get())));
        // Held answers block their thread; everything else must still be served.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return Map.of(URL_KEY, "http://" + FreePorts.LOOPBACK_HOST + ":" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
        producer.close();
    }

    private void role(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 20) {
            respond(exchange, 401, "{}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String doc = path.substring("/documents/".length(), path.length() - "/role".length());
        List<String> principals = new ArrayList<>();
        String principal = "";
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            if (kv[0].equals("principal")) {
                principal = value;
                principals.add(value);
            } else if (kv[0].equals("group")) {
                principals.add(AclChanges.GROUP_PREFIX + value);
            }
        }
        AccessRole role = principals.stream().map(p -> grants.getOrDefault(doc + "\n" + p, AccessRole.NONE))
                .reduce(AccessRole.NONE, AccessRole::max);
        CountDownLatch hold = holds.get(doc);
        if (hold != null) {
            AtomicInteger waiting = held.computeIfAbsent(doc, d -> new AtomicInteger());
            waiting.incrementAndGet();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
        respond(exchange, 200, "{\"docId\":\"" + doc + "\",\"principal\":\"" + principal + "\",\"role\":\""
                + role.wireName() + "\"}");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new ConcurrentHashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private void grant(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        AclChange change = new AclChange(query.get("doc"), query.get("principal"),
                AccessRole.fromWireName(query.get("role")));
        grants.put(change.docId() + "\n" + change.principal(), change.role());
        try {
            producer.send(AclChanges.record(Topics.ACL_CHANGES_DEFAULT, change)).get();
        } catch (InterruptedException | ExecutionException e) {
            respond(exchange, 500, "{}");
            return;
        }
        respond(exchange, 204, null);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
