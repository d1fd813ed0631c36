package dev.skein.localrun;

import dev.skein.demo.DemoAssets;
import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.net.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything the local run starts, started in order (editor page; PostgreSQL; Keycloak beside
 * Kafka, S3 and Redis; services) and stopped in reverse order. Safe to close from a shutdown hook
 * while another thread is still starting it: a component that finishes starting after the close
 * is stopped at once.
 */
final class LocalStack implements AutoCloseable {

    private final LocalRunOptions options;
    private final Consumer<String> progress;
    private final List<Component> started = new ArrayList<>();
    /** How to launch each service, in start order, once the infrastructure runs. */
    private final List<Supplier<QuarkusService>> serviceLaunchers = new ArrayList<>();
    private boolean closed;
    private Map<String, Integer> ports;
    private volatile boolean auth;
    private volatile KeycloakComponent keycloak;

    /** The example users of deploy/keycloak/skein-realm.json (password = user name). */
    static final List<String> EXAMPLE_USERS = List.of("alice", "bob", "carol");

    /**
     * @param progress receives one human-readable line per step (the launcher prints them to stderr)
     */
    LocalStack(LocalRunOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Starts every component and waits until each is ready.
     *
     * @throws StartupException if something fails; what had started keeps running until
     *     {@link #close()}, so that the caller can report the failure before the stop messages
     */
    void start() {
        Optional<String> authOff = authOff(options.auth(), () -> KeycloakComponent.unavailable(options.root())
                .or(PostgresComponent::unavailable));
        authOff.ifPresent(progress);
        auth = authOff.isEmpty();
        requireBuilt();
        Map<String, Integer> requested = new LinkedHashMap<>(options.ports());
        if (!auth) {
            requested.remove(Services.AUTH);
        }
        ports = Ports.settle(requested);
        Path dataDir = Directories.ensure(options.dataDir());
        Path logDir = Directories.ensure(dataDir.resolve("logs"));
        progress.accept("data folder " + dataDir + " (logs in " + logDir + ")");

        EditorServer editor = add(EditorServer.start(ports.get(LocalRunOptions.EDITOR), gatewayUrls(),
                serviceUrl(Services.DOC)));

        // PostgreSQL first (Keycloak keeps its data there); Keycloak takes half a minute, so it
        // starts beside Kafka, S3 and Redis and is waited for before the services, which need its issuer.
        PostgresComponent postgres = null;
        CompletableFuture<KeycloakComponent> keycloakStarting = null;
        long keycloakStart = System.nanoTime();
        if (auth) {
            postgres = add(PostgresComponent.start(dataDir.resolve("postgres"), progress));
            progress.accept("postgres ready on " + postgres.reactiveUrl()
                    + (postgres.keepsData() ? " (data in " + dataDir.resolve("postgres") + ")" : ""));
            PostgresComponent database = postgres;
            keycloakStart = System.nanoTime();
            keycloakStarting = CompletableFuture.supplyAsync(() -> add(KeycloakComponent.start(options.root(),
                    editorOrigins(), dataDir.resolve("keycloak"), database)));
        }

        long kafkaStart = System.nanoTime();
        KafkaComponent kafka = add(KafkaComponent.start(dataDir.resolve("kafka"), ports.get(LocalRunOptions.KAFKA),
                options.startupTimeout()));
        progress.accept("kafka ready on " + kafka.bootstrapServers() + since(kafkaStart) + ", log " + kafka.logFile());

        long s3Start = System.nanoTime();
        S3Component s3 = add(S3Component.start(dataDir.resolve("s3"), options.startupTimeout()));
        progress.accept("s3 ready on " + s3.endpoint() + since(s3Start) + ", log " + s3.logFile());

        RedisComponent redis = add(RedisComponent.start());
        progress.accept("redis ready on " + redis.uri());

        if (auth) {
            keycloak = awaitKeycloak(keycloakStarting);
            progress.accept("keycloak ready on " + keycloak.baseUrl() + " (realm " + SkeinRealm.NAME + ")"
                    + since(keycloakStart) + ", log " + keycloak.logFile());
            editor.enableSignIn(signIn());
        }

        for (ServiceSpec spec : Services.withAuth(auth)) {
            ServiceSpec wiredSpec = wired(spec, redis, s3, postgres);
            serviceLaunchers.add(() -> QuarkusService.launch(wiredSpec, options.root(), ports.get(spec.key()),
                    kafka.bootstrapServers(), logDir));
        }
        startServices();
        progress.accept("editor page on http://" + FreePorts.LOOPBACK_HOST + ":" + editor.port() + "/"
                + (auth ? " (sign in as alice, bob or carol; password = user name)" : ""));
    }

    /** Boots every service at once (each needs only the infrastructure), then waits for each in turn. */
    private void startServices() {
        long servicesStart = System.nanoTime();
        List<QuarkusService> launched = new ArrayList<>();
        for (Supplier<QuarkusService> launcher : serviceLaunchers) {
            launched.add(add(launcher.get()));
        }
        for (QuarkusService service : launched) {
            service.awaitReady(options.startupTimeout());
            progress.accept(service.name() + " ready on http://" + FreePorts.LOOPBACK_HOST + ":" + service.port()
                    + since(servicesStart) + ", log " + service.logFile());
        }
    }

    /**
     * Stops the services, last started first, and starts them again on the running broker, S3
     * server, Redis (and Keycloak): what a deployment's rollout of Skein does, whose infrastructure
     * stays up. Run after {@link #start()}; a stack closed meanwhile stays closed.
     *
     * @throws StartupException if a service does not come back
     */
    void restartServices() {
        List<QuarkusService> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            toStop = started.stream().filter(QuarkusService.class::isInstance).map(QuarkusService.class::cast).toList();
            // out of the watched components first: a service stopped on purpose is no failure
            started.removeAll(toStop);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).close();
            progress.accept(toStop.get(i).name() + " stopped for a restart");
        }
        startServices();
    }

    /**
     * Why the run goes without authentication, as the one progress line that says so; empty when
     * authentication is on: asked for ({@code --no-auth} not given) and nothing missing (a JDK
     * that runs Keycloak, its distribution, PostgreSQL).
     *
     * @param missing what is missing on this machine, asked only when authentication is wanted
     */
    static Optional<String> authOff(boolean wanted, Supplier<Optional<String>> missing) {
        Optional<String> reason = wanted ? missing.get() : Optional.of("--no-auth given");
        return reason.map(why -> "auth off (" + why + "): no Keycloak, PostgreSQL or auth-service;"
                + " the gateways accept connections without tokens");
    }

    private static KeycloakComponent awaitKeycloak(CompletableFuture<KeycloakComponent> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** What the editor page needs to sign people in and to share documents. */
    private DemoAssets.SignIn signIn() {
        return new DemoAssets.SignIn(keycloak.issuer(), SkeinRealm.WEB_CLIENT, serviceUrl(Services.AUTH),
                serviceUrl(Services.PRESENCE), EXAMPLE_USERS);
    }

    /**
     * The line that tells people and scripts where to go: it starts with the editor and the first
     * gateway, as it always did ({@code Skein ready: editor http://... gateway ws://...}), and
     * goes on with the second gateway ({@code gateway2 ws://...}); with authentication on it ends
     * with Keycloak and auth-service ({@code keycloak http://... auth http://...}).
     */
    String readyLine() {
        String line = "Skein ready: editor http://" + FreePorts.LOOPBACK_HOST + ":" + ports.get(LocalRunOptions.EDITOR)
                + "/" + " gateway " + gatewayUrl(Services.GATEWAY) + " gateway2 " + gatewayUrl(Services.GATEWAY2);
        return auth ? line + " keycloak " + keycloak.baseUrl() + " auth " + serviceUrl(Services.AUTH) : line;
    }

    /** A component that stopped although nobody asked it to, if any. */
    synchronized Optional<Component> firstDead() {
        if (closed) {
            return Optional.empty();
        }
        return started.stream().filter(component -> !component.isRunning()).findFirst();
    }

    /** Stops everything that was started, last started first. */
    @Override
    public void close() {
        List<Component> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(started);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            Component component = toStop.get(i);
            try {
                component.close();
                progress.accept(component.name() + " stopped");
            } catch (RuntimeException e) {
                progress.accept(component.name() + " did not stop cleanly: " + e.getMessage());
            }
        }
    }

    /** Fails before anything starts if a service has not been packaged, instead of after Kafka's start. */
    private void requireBuilt() {
        List<String> missing = new ArrayList<>();
        for (ServiceSpec spec : Services.withAuth(auth)) {
            Path jar = spec.runnableJar(options.root());
            String line = spec.module() + " is not built: " + jar + " is missing.";
            if (!Files.isRegularFile(jar) && !missing.contains(line)) {
                missing.add(line);
            }
        }
        if (!missing.isEmpty()) {
            missing.add("Build the services with ./mvnw install -DskipTests (run-local.sh does).");
            throw new StartupException(String.join(System.lineSeparator(), missing));
        }
    }

    /**
     * Settings only known once the ports are settled: Redis (and Keycloak and auth-service, or no
     * token checks) for presence-service, its URL for the gateway, the S3 server (and Keycloak, or no token checks) for persistence-service and
     * doc-service, PostgreSQL and Keycloak for auth-service, Keycloak and auth-service for the gateways.
     */
    private ServiceSpec wired(ServiceSpec spec, RedisComponent redis, S3Component s3, PostgresComponent postgres) {
        Map<String, String> env = new HashMap<>(spec.env());
        if (spec.key().equals(Services.PERSISTENCE) || spec.key().equals(Services.DOC)) {
            env.putAll(s3.serviceEnv());
            // Their REST APIs check tokens of the local realm (skein-backend / skein-ops service
            // accounts); without Keycloak they are open.
            if (auth) {
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
                if (spec.key().equals(Services.DOC)) {
                    // people read and edit by their role on the document, asked of auth-service
                    env.put("SKEIN_DOC_AUTH_CLIENT_SECRET", SkeinRealm.DOC_SECRET);
                    env.put("SKEIN_DOC_AUTH_AUTH_SERVICE_URL", serviceUrl(Services.AUTH));
                }
            } else {
                env.put(spec.key().equals(Services.DOC) ? "SKEIN_DOC_AUTH_ENABLED" : "SKEIN_PERSISTENCE_AUTH_ENABLED",
                        "false");
            }
            if (spec.key().equals(Services.DOC)) {
                // The editor page's service-edit button calls the edit endpoint from its own origin.
                env.put("QUARKUS_HTTP_CORS_ENABLED", "true");
                env.put("QUARKUS_HTTP_CORS_ORIGINS", String.join(",", editorOrigins()));
            }
        } else if (spec.key().equals(Services.PRESENCE)) {
            env.put("QUARKUS_REDIS_HOSTS", redis.uri());
            // People see the presence of the documents auth-service gives them a role on, the
            // gateways (skein-service) everything; without Keycloak it is open.
            env.put("SKEIN_PRESENCE_AUTH_ENABLED", Boolean.toString(auth));
            if (auth) {
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
                env.put("SKEIN_PRESENCE_AUTH_CLIENT_SECRET", SkeinRealm.PRESENCE_SECRET);
                env.put("SKEIN_PRESENCE_AUTH_AUTH_SERVICE_URL", serviceUrl(Services.AUTH));
                // the editor page asks who is here from its own origin
                env.put("QUARKUS_HTTP_CORS_ENABLED", "true");
                env.put("QUARKUS_HTTP_CORS_ORIGINS", String.join(",", editorOrigins()));
            }
        } else if (spec.key().equals(Services.AUTH)) {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
            // The editor page calls the sharing API from its own origin.
            env.put("QUARKUS_HTTP_CORS_ENABLED", "true");
            env.put("QUARKUS_HTTP_CORS_ORIGINS", String.join(",", editorOrigins()));
        } else if (Services.GATEWAYS.contains(spec.key())) {
            env.put("SKEIN_GATEWAY_AUTH_ENABLED", Boolean.toString(auth));
            if (auth) {
                env.put("SKEIN_GATEWAY_AUTH_ISSUER", keycloak.issuer());
                env.put("SKEIN_GATEWAY_AUTH_CLIENT_ID", SkeinRealm.GATEWAY_CLIENT);
                env.put("SKEIN_GATEWAY_AUTH_CLIENT_SECRET", SkeinRealm.GATEWAY_SECRET);
                env.put("SKEIN_GATEWAY_AUTH_AUTH_SERVICE_URL", serviceUrl(Services.AUTH));
            }
            env.put("SKEIN_GATEWAY_AWARENESS_PRESENCE_URL", serviceUrl(Services.PRESENCE));
            // Distinct ids: each gateway reads its own sync-reply partition, and presence-service
            // tells whose clients are whose (and which gateway died) by this id.
            env.put("SKEIN_GATEWAY_INSTANCE_ID", "gateway-" + (Services.GATEWAYS.indexOf(spec.key()) + 1));
        }
        return spec.withEnv(env);
    }

    /** The origins the editor page may be opened from: 127.0.0.1 as printed, and localhost. */
    private List<String> editorOrigins() {
        int port = ports.get(LocalRunOptions.EDITOR);
        return List.of("http://" + FreePorts.LOOPBACK_HOST + ":" + port, "http://localhost:" + port);
    }

    private String serviceUrl(String key) {
        return "http://" + FreePorts.LOOPBACK_HOST + ":" + ports.get(key);
    }

    /** The gateways' WebSocket base URLs, in the editor page's order (gateway 1, gateway 2). */
    private List<String> gatewayUrls() {
        return Services.GATEWAYS.stream().map(this::gatewayUrl).toList();
    }

    private String gatewayUrl(String key) {
        return "ws://" + FreePorts.LOOPBACK_HOST + ":" + ports.get(key) + "/ws";
    }

    /** Records a started component; if the stack was closed meanwhile, stops it and gives up. */
    private <C extends Component> C add(C component) {
        synchronized (this) {
            if (!closed) {
                started.add(component);
                return component;
            }
        }
        component.close();
        throw new StartupException("Stopped while starting " + component.name());
    }

    private static String since(long startNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        return String.format(Locale.ROOT, " (%.1f s)", elapsed.toMillis() / 1000.0);
    }
}
