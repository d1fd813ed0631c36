package dev.skein.e2e;

import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.net.FreePorts;
import dev.skein.testkit.process.ChildProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Packaged Skein services started as child JVMs on free loopback ports. */
final class Services {

    /** A running service instance. */
    record Instance(String name, int port, ChildProcess process, Path jar, List<String> options) {

        /** Base HTTP URL. */
        String http() {
            return "http://127.0.0.1:" + port;
        }

        /** The y-websocket server URL (the provider appends "/" + document id). */
        String ws() {
            return "ws://127.0.0.1:" + port + "/ws";
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final Path logs;
    private final String bootstrapServers;
    private final List<String> everyService;
    private final List<Instance> started = new ArrayList<>();

    Services(Path root, Path logs, String bootstrapServers) {
        this(root, logs, bootstrapServers, List.of());
    }

    /**
     * Services whose every instance also gets {@code everyService} as JVM options (e.g.
     * {@code -Dquarkus.http.access-log.enabled=true}).
     */
    Services(Path root, Path logs, String bootstrapServers, List<String> everyService) {
        this.root = root;
        this.logs = logs;
        this.bootstrapServers = bootstrapServers;
        this.everyService = List.copyOf(everyService);
    }

    /** The folder the instances' log files are written to ({@code NAME.log}). */
    Path logs() {
        return logs;
    }

    /**
     * Starts a gateway instance (not waiting for readiness); {@code extra} are further JVM options,
     * e.g. {@code -Dskein.gateway.awareness.presence-url=...}.
     */
    Instance gateway(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(
            "-Dskein.gateway.instance-id=" + name,
            // No Keycloak in these tests: connections are anonymous writers (auth: GatewayAuthTest).
            "-Dskein.gateway.auth.enabled=false"));
        args.addAll(List.of(extra));
        return start(name, root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"), args.toArray(String[]::new));
    }

    /**
     * Starts a gateway instance that checks tokens of {@code issuer} and asks {@code authServiceUrl}
     * for roles, as in a deployment (not waiting for readiness).
     */
    Instance gatewayWithAuth(String name, String issuer, String authServiceUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
            "-Dskein.gateway.instance-id=" + name,
            "-Dskein.gateway.auth.enabled=true",
            "-Dskein.gateway.auth.issuer=" + issuer,
            "-Dskein.gateway.auth.client-id=" + SkeinRealm.GATEWAY_CLIENT,
            "-Dskein.gateway.auth.client-secret=" + SkeinRealm.GATEWAY_SECRET,
            "-Dskein.gateway.auth.auth-service-url=" + authServiceUrl));
        args.addAll(List.of(extra));
        return start(name, root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"), args.toArray(String[]::new));
    }

    /** Starts auth-service on a PostgreSQL database, checking tokens of {@code issuer} (not waiting for readiness). */
    Instance authService(String name, String reactiveUrl, String user, String issuer) {
        return start(name, root.resolve("auth-service/target/quarkus-app/quarkus-run.jar"),
            "-Dquarkus.datasource.reactive.url=" + reactiveUrl,
            "-Dquarkus.datasource.username=" + user,
            "-Dquarkus.oidc.auth-server-url=" + issuer);
    }

    /**
     * Starts a presence-service instance on {@code redisUri} (not waiting for readiness);
     * {@code extra} are further JVM options, e.g. {@code -Dskein.presence.gateway-timeout=5s}.
     */
    Instance presenceService(String name, String redisUri, String... extra) {
        List<String> args = new ArrayList<>(List.of(
            "-Dskein.presence.instance-id=" + name,
            "-Dquarkus.redis.hosts=" + redisUri,
            // No Keycloak in these tests: presence is open (auth: PresenceAuthIT, presence-service PresenceAuthTest).
            "-Dskein.presence.auth.enabled=false"));
        args.addAll(List.of(extra));
        return start(name, root.resolve("presence-service/target/quarkus-app/quarkus-run.jar"), args.toArray(String[]::new));
    }

    /**
     * Starts a presence-service instance that checks tokens of {@code issuer} and asks
     * {@code authServiceUrl} for people's roles with its own service account, as in a deployment
     * (not waiting for readiness).
     */
    Instance presenceServiceWithAuth(String name, String redisUri, String issuer, String authServiceUrl,
            String... extra) {
        List<String> args = new ArrayList<>(List.of(
            "-Dskein.presence.instance-id=" + name,
            "-Dquarkus.redis.hosts=" + redisUri,
            "-Dskein.presence.auth.enabled=true",
            "-Dquarkus.oidc.auth-server-url=" + issuer,
            "-Dskein.presence.auth.client-secret=" + SkeinRealm.PRESENCE_SECRET,
            "-Dskein.presence.auth.auth-service-url=" + authServiceUrl));
        args.addAll(List.of(extra));
        return start(name, root.resolve("presence-service/target/quarkus-app/quarkus-run.jar"), args.toArray(String[]::new));
    }

    /**
     * Starts a doc-service instance that checks tokens of {@code issuer} and asks auth-service at
     * {@code authServiceUrl} for people's roles, and loads documents from and reads version history
     * in the storage persistence-service writes ({@code s3}: endpoint, access key, secret key), as
     * deployed (not waiting for readiness).
     */
    Instance docServiceWithAuth(String name, String issuer, String authServiceUrl, String s3Endpoint, String accessKey,
            String secretKey) {
        List<String> args = new ArrayList<>(List.of(
            "-Dskein.doc.instance-id=" + name, "-Dskein.doc.session-timeout=6s",
            "-Dskein.doc.auth.enabled=true", "-Dquarkus.oidc.auth-server-url=" + issuer,
            "-Dskein.doc.auth.client-secret=" + SkeinRealm.DOC_SECRET,
            "-Dskein.doc.auth.auth-service-url=" + authServiceUrl));
        args.addAll(storageOptions(s3Endpoint, accessKey, secretKey));
        return start(name, root.resolve("doc-service/target/quarkus-app/quarkus-run.jar"), args.toArray(String[]::new));
    }

    private static List<String> storageOptions(String s3Endpoint, String accessKey, String secretKey) {
        return List.of(
            "-Dskein.storage.endpoint=" + s3Endpoint,
            "-Dskein.storage.access-key=" + accessKey,
            "-Dskein.storage.secret-key=" + secretKey);
    }

    /**
     * Starts a persistence-service instance storing into {@code s3} (endpoint, access key, secret
     * key) that checks tokens of {@code issuer} (not waiting for readiness); {@code extra} are
     * further JVM options, e.g. {@code -Dskein.history.idle=1h}.
     */
    Instance persistenceServiceWithAuth(String name, String issuer, String s3Endpoint, String accessKey,
            String secretKey, String... extra) {
        List<String> args = new ArrayList<>(storageOptions(s3Endpoint, accessKey, secretKey));
        args.addAll(List.of("-Dskein.persistence.auth.enabled=true", "-Dquarkus.oidc.auth-server-url=" + issuer));
        args.addAll(List.of(extra));
        return start(name, root.resolve("persistence-service/target/quarkus-app/quarkus-run.jar"),
            args.toArray(String[]::new));
    }

    /** Starts a doc-service instance (not waiting for readiness). */
    Instance docService(String name) {
        return start(name, root.resolve("doc-service/target/quarkus-app/quarkus-run.jar"),
            "-Dskein.doc.instance-id=" + name, "-Dskein.doc.session-timeout=6s",
            // No Keycloak in these tests: the REST API is open (auth: doc-service DocumentAuthTest).
            "-Dskein.doc.auth.enabled=false");
    }

    private Instance start(String name, Path jar, String... extra) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn package)");
        }
        return launch(name, jar, FreePorts.freePort(), List.of(extra));
    }

    /**
     * Starts {@code instance} again, with the same options on the same port (after it was killed or
     * stopped), as a restarted pod behind the same address; its clients reconnect to it.
     */
    Instance restart(Instance instance) {
        if (instance.process().isAlive()) {
            throw new IllegalStateException(instance.name() + " still runs");
        }
        return launch(instance.name(), instance.jar(), instance.port(), instance.options());
    }

    private Instance launch(String name, Path jar, int port, List<String> options) {
        List<String> jvmArgs = new ArrayList<>(List.of(
            "-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-Dkafka.bootstrap.servers=" + bootstrapServers));
        jvmArgs.addAll(everyService);
        jvmArgs.addAll(options);
        ChildProcess process = ChildProcess.java(name)
            .jar(jar)
            .jvmArgs(jvmArgs.toArray(String[]::new))
            .logFile(logs.resolve(name + launchSuffix(name) + ".log"))
            .shutdownGrace(Duration.ofSeconds(10))
            .start();
        Instance instance = new Instance(name, port, process, jar, List.copyOf(options));
        started.add(instance);
        return instance;
    }

    private String launchSuffix(String name) {
        long earlier = started.stream().filter(instance -> instance.name().equals(name)).count();
        return earlier == 0 ? "" : ".restart-" + earlier;
    }

    /** Waits until the instance reports ready on /q/health/ready. */
    static void awaitReady(Instance instance) {
        instance.process().awaitReady(Duration.ofSeconds(90), () -> {
            HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(instance.http() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        });
    }

    /** Stops every started instance that still runs. */
    void stopAll() {
        for (Instance instance : started) {
            if (instance.process().isAlive()) {
                instance.process().stop(Duration.ofSeconds(10));
            }
        }
    }
}
