package dev.skein.localrun;

import dev.skein.testkit.fs.Directories;
import dev.skein.testkit.net.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the local run starts, started in order (editor page, Kafka, services) and stopped
 * in reverse order. Safe to close from a shutdown hook while another thread is still starting
 * it: a component that finishes starting after the close is stopped at once.
 */
final class LocalStack implements AutoCloseable {

    private final LocalRunOptions options;
    private final Consumer<String> progress;
    private final List<Component> started = new ArrayList<>();
    private boolean closed;
    private Map<String, Integer> ports;

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
        requireBuilt();
        ports = Ports.settle(options.ports());
        Path dataDir = Directories.ensure(options.dataDir());
        Path logDir = Directories.ensure(dataDir.resolve("logs"));
        progress.accept("data folder " + dataDir + " (logs in " + logDir + ")");

        EditorServer editor = add(EditorServer.start(ports.get(LocalRunOptions.EDITOR), gatewayUrls()));

        long kafkaStart = System.nanoTime();
        KafkaComponent kafka = add(KafkaComponent.start(dataDir.resolve("kafka"), ports.get(LocalRunOptions.KAFKA),
                options.startupTimeout()));
        progress.accept("kafka ready on " + kafka.bootstrapServers() + since(kafkaStart) + ", log " + kafka.logFile());

        long s3Start = System.nanoTime();
        S3Component s3 = add(S3Component.start(dataDir.resolve("s3"), options.startupTimeout()));
        progress.accept("s3 ready on " + s3.endpoint() + since(s3Start) + ", log " + s3.logFile());

        RedisComponent redis = add(RedisComponent.start());
        progress.accept("redis ready on " + redis.uri());

        // All services boot at once (each needs only Kafka and Redis), then each is waited for in turn.
        long servicesStart = System.nanoTime();
        List<QuarkusService> services = new ArrayList<>();
        for (ServiceSpec spec : Services.all()) {
            services.add(add(QuarkusService.launch(wired(spec, redis, s3), options.root(), ports.get(spec.key()),
                    kafka.bootstrapServers(), logDir)));
        }
        for (QuarkusService service : services) {
            service.awaitReady(options.startupTimeout());
            progress.accept(service.name() + " ready on http://" + FreePorts.LOOPBACK_HOST + ":" + service.port()
                    + since(servicesStart) + ", log " + service.logFile());
        }
        progress.accept("editor page on http://" + FreePorts.LOOPBACK_HOST + ":" + editor.port() + "/");
    }

    /**
     * The line that tells people and scripts where to go: it starts with the editor and the first
     * gateway, as it always did ({@code Skein ready: editor http://... gateway ws://...}), and
     * ends with the second gateway ({@code gateway2 ws://...}).
     */
    String readyLine() {
        return "Skein ready: editor http://" + FreePorts.LOOPBACK_HOST + ":" + ports.get(LocalRunOptions.EDITOR) + "/"
                + " gateway " + gatewayUrl(Services.GATEWAY) + " gateway2 " + gatewayUrl(Services.GATEWAY2);
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
        for (ServiceSpec spec : Services.all()) {
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
     * Settings only known once the ports are settled: Redis for presence-service, its URL for the
     * gateway, the S3 server for persistence-service and doc-service.
     */
    private ServiceSpec wired(ServiceSpec spec, RedisComponent redis, S3Component s3) {
        Map<String, String> env = new HashMap<>(spec.env());
        if (spec.key().equals(Services.PERSISTENCE) || spec.key().equals(Services.DOC)) {
            env.putAll(s3.serviceEnv());
        } else if (spec.key().equals(Services.PRESENCE)) {
            env.put("QUARKUS_REDIS_HOSTS", redis.uri());
        } else if (Services.GATEWAYS.contains(spec.key())) {
            // Until the development issuer exists the local run has no token issuer (see the gateway README).
            env.put("SKEIN_GATEWAY_AUTH_ENABLED", "false");
            env.put("SKEIN_GATEWAY_AWARENESS_PRESENCE_URL",
                    "http://" + FreePorts.LOOPBACK_HOST + ":" + ports.get(Services.PRESENCE));
            // Distinct ids: each gateway reads its own sync-reply partition, and presence-service
            // tells whose clients are whose (and which gateway died) by this id.
            env.put("SKEIN_GATEWAY_INSTANCE_ID", "gateway-" + (Services.GATEWAYS.indexOf(spec.key()) + 1));
        }
        return spec.withEnv(env);
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
