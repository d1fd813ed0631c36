package dev.skein.testkit.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skein.contract.AccessRole;
import dev.skein.contract.AclChanges;
import dev.skein.contract.AclChanges.AclChange;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.net.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for auth-service in a service's module tests: answers
 * {@code GET /documents/{doc}/role} from grants held in memory, only to a bearer token that
 * carries the realm role {@code skein-service} and the audience {@code skein-auth} (what the
 * calling service's account must have), and publishes every grant change on the real ACL change
 * topic, as auth-service does. Needs {@link KafkaTestResource} listed before it.
 *
 * <p>The service's configuration key for auth-service's URL is the init argument
 * {@value #URL_KEY_ARG} (the stub sets it). Tests drive the stub over HTTP, so they need no
 * reference into the class loader the resource runs in:
 * <ul>
 *   <li>{@code POST /stub/grants?doc=&principal=&role=}: a grant (and its ACL change event);</li>
 *   <li>{@code POST /stub/down?on=}: answer 500 to role lookups;</li>
 *   <li>{@code GET /stub/lookups}: role lookups answered so far;</li>
 *   <li>{@code POST /stub/hold?doc=}, {@code POST /stub/release?doc=}, {@code GET /stub/held?doc=}:
 *       a lookup's answer about {@code doc} is decided when the request arrives and sent only on
 *       release, so that a test can play an ACL change overtaking a lookup.</li>
 * </ul>
 * auth-service's own rules are tested in auth-service; the real one with every service: e2e.
 */
public class AuthServiceStub implements QuarkusTestResourceLifecycleManager {

    /** Init argument naming the configuration key the stub's base URL is given to. */
    public static final String URL_KEY_ARG = "url-key";

    private final Map<String, AccessRole> grants = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();
    private String urlKey;
    private HttpServer server;
    private KafkaProducer<String, byte[]> producer;

    @Override
    public void init(Map<String, String> initArgs) {
        urlKey = initArgs.get(URL_KEY_ARG);
        if (urlKey == null) {
            throw new IllegalArgumentException("AuthServiceStub needs the init argument " + URL_KEY_ARG);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "auth-stub");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(settings);
        try {
            server = HttpServer.create(new InetSocketAddress(FreePorts.loopback(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/documents/", this::role);
        server.createContext("/stub/grants", this::grant);
        server.createContext("/stub/down", exchange -> {
            down.set(Boolean.parseBoolean(query(exchange).get("on")));
            respond(exchange, 204, null);
        });
        server.createContext("/stub/lookups", exchange -> respond(exchange, 200, Integer.toString(lookups.get())));
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
        // held answers block their thread; everything else must still be served
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return Map.of(urlKey, "http://" + FreePorts.LOOPBACK_HOST + ":" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
        producer.close();
    }

    private void role(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.split("\\.").length != 3) {
            respond(exchange, 401, "{}");
            return;
        }
        String claims = new String(Base64.getUrlDecoder().decode(auth.split("\\.")[1]), StandardCharsets.UTF_8);
        if (!claims.contains("\"skein-service\"") || !claims.contains("\"skein-auth\"")) {
            respond(exchange, 403, "{}");
            return;
        }
        if (down.get()) {
            respond(exchange, 500, "{}");
            return;
        }
        lookups.incrementAndGet();
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
        awaitRelease(doc);
        respond(exchange, 200, "{\"docId\":\"" + doc + "\",\"principal\":\"" + principal + "\",\"role\":\""
                + role.wireName() + "\"}");
    }

    private void awaitRelease(String doc) {
        CountDownLatch hold = holds.get(doc);
        if (hold == null) {
            return;
        }
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

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
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
