package dev.skein.e2e;

import dev.skein.testkit.kafka.KafkaBroker;
import dev.skein.testkit.keycloak.SharedKeycloak;
import dev.skein.testkit.postgres.PostgresServer;
import dev.skein.testkit.redis.RedisServer;
import dev.skein.testkit.s3.S3Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * All five services with authentication on, as in a deployment, on real servers: a Kafka broker,
 * Redis, PostgreSQL, an S3-API server and the JVM's shared Keycloak with the skein realm. One
 * instance of each service; the gateway asks auth-service for roles and presence-service for the
 * join greeting, presence-service and doc-service ask auth-service for people's roles; doc-service
 * and persistence-service share the storage (documents and version history).
 */
final class SecuredStack implements AutoCloseable {

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final String issuer;
    private final String bootstrapServers;
    private final Services services;
    private final Services.Instance auth;
    private final Services.Instance doc;
    private final Services.Instance persistence;
    private final Services.Instance presence;
    private final Services.Instance gateway;

    /**
     * Starts everything and waits until every service is ready.
     *
     * @param root the repository
     * @param logs where every service's log goes ({@code NAME.log})
     * @param everyService JVM options of every service
     * @param gatewayOptions further JVM options of the gateway
     */
    SecuredStack(Path root, Path logs, List<String> everyService, String... gatewayOptions) {
        this(root, logs, everyService, List.of(), gatewayOptions);
    }

    /**
     * As {@link #SecuredStack(Path, Path, List, String...)}, with further JVM options of
     * persistence-service ({@code persistenceOptions}, e.g. its {@code skein.history.*}).
     */
    SecuredStack(Path root, Path logs, List<String> everyService, List<String> persistenceOptions,
            String... gatewayOptions) {
        try {
            issuer = SharedKeycloak.issuer();
            KafkaBroker broker = remember(KafkaBroker.start());
            bootstrapServers = broker.bootstrapServers();
            RedisServer redis = remember(RedisServer.start());
            PostgresServer postgres = remember(PostgresServer.start());
            S3Server s3 = remember(S3Server.start());
            services = new Services(root, logs, broker.bootstrapServers(), everyService);
            auth = services.authService("auth", postgres.reactiveUrl(), PostgresServer.USER, issuer);
            // as deployed, doc-service loads documents from storage and reads version history there
            doc = services.docServiceWithAuth("doc", issuer, auth.http(), s3.endpoint(), s3.accessKey(), s3.secretKey());
            persistence = services.persistenceServiceWithAuth("persistence", issuer, s3.endpoint(), s3.accessKey(),
                s3.secretKey(), persistenceOptions.toArray(String[]::new));
            presence = services.presenceServiceWithAuth("presence", redis.uri(), issuer, auth.http());
            List<String> gatewayArgs = new ArrayList<>(List.of("-Dskein.gateway.awareness.presence-url=" + presence.http(),
                // the greeting is asynchronous; a loaded test machine must not make it fall back
                "-Dskein.gateway.awareness.presence-timeout=5s"));
            gatewayArgs.addAll(List.of(gatewayOptions));
            gateway = services.gatewayWithAuth("gateway", issuer, auth.http(), gatewayArgs.toArray(String[]::new));
            for (Services.Instance instance : all()) {
                Services.awaitReady(instance);
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Starts another gateway like the first, with further JVM options, and waits until it is ready. */
    Services.Instance extraGateway(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("-Dskein.gateway.awareness.presence-url=" + presence.http(),
            "-Dskein.gateway.awareness.presence-timeout=5s"));
        args.addAll(List.of(options));
        Services.Instance extra = services.gatewayWithAuth(name, issuer, auth.http(), args.toArray(String[]::new));
        Services.awaitReady(extra);
        return extra;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            // the start failed already; that failure is the one to report
        }
    }

    private <T extends AutoCloseable> T remember(T server) {
        servers.add(server);
        return server;
    }

    /** The realm's issuer. */
    String issuer() {
        return issuer;
    }

    /** The broker's bootstrap servers. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Every service, gateway last. */
    List<Services.Instance> all() {
        return List.of(auth, doc, persistence, presence, gateway);
    }

    Services.Instance auth() {
        return auth;
    }

    Services.Instance doc() {
        return doc;
    }

    Services.Instance persistence() {
        return persistence;
    }

    Services.Instance presence() {
        return presence;
    }

    Services.Instance gateway() {
        return gateway;
    }

    /** Stops every service (so that their logs are complete), then the servers. */
    void stopServices() {
        services.stopAll();
    }

    @Override
    public void close() throws Exception {
        if (services != null) {
            services.stopAll();
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }
}
