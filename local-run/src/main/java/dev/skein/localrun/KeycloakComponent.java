package dev.skein.localrun;

import dev.skein.testkit.keycloak.KeycloakAdmin;
import dev.skein.testkit.keycloak.KeycloakDistribution;
import dev.skein.testkit.keycloak.KeycloakJava;
import dev.skein.testkit.keycloak.KeycloakServer;
import dev.skein.testkit.keycloak.SkeinRealm;
import dev.skein.testkit.process.ChildProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local run's Keycloak: the testkit's {@link KeycloakServer} (the distribution unpacked from
 * Maven Central by the testkit build, run on a JDK 21+ of the machine) on a free loopback port,
 * with the repository's {@code deploy/keycloak/skein-realm.json} imported (example users alice,
 * bob and carol, password = user name; the demo page's public client {@code skein-web}).
 *
 * <p>Keycloak keeps its data in the run's PostgreSQL (database {@value #DATABASE}), so sign-in
 * sessions, users added in its console and the realm outlive a restart; the realm is imported on
 * the first start only (delete the data folder to start over from the realm file).
 */
final class KeycloakComponent implements Component {

    private static final String NAME = "keycloak";
    /** Keycloak's database in the run's PostgreSQL. */
    static final String DATABASE = "keycloak";
    private static final int REPORT_LINES = 40;
    /** The internal id of the first client in an admin API answer. */
    private static final Pattern CLIENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final KeycloakServer server;

    private KeycloakComponent(KeycloakServer server) {
        this.server = server;
    }

    /**
     * Why Keycloak cannot run on this machine, if it cannot: no JDK 21+ (Keycloak 26 needs one;
     * the services run on 17), or the distribution was not unpacked by the testkit build.
     */
    static Optional<String> unavailable(Path root) {
        try {
            if (!Files.isExecutable(KeycloakJava.find().resolve("bin/java"))) {
                return Optional.of(KeycloakJava.ENV + " names no JDK (" + System.getenv(KeycloakJava.ENV) + ")");
            }
        } catch (IllegalStateException e) {
            return Optional.of("no Java " + KeycloakJava.MINIMUM_RELEASE + "+ for Keycloak (none under /usr/lib/jvm;"
                    + " set " + KeycloakJava.ENV + ")");
        }
        try {
            KeycloakDistribution.home();
        } catch (IllegalStateException e) {
            return Optional.of("the Keycloak distribution is missing (" + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(realmFile(root))) {
            return Optional.of("the realm file " + realmFile(root) + " is missing");
        }
        return Optional.empty();
    }

    /**
     * Starts Keycloak, waits until it answers, imports the realm and lets the editor page's
     * origins call the token endpoint of the page's client.
     *
     * @param pageOrigins the editor page's origins ({@code http://127.0.0.1:8080}); the realm file's
     *     {@code "webOrigins": ["+"]} derives origins from redirect URIs, and its
     *     {@code http://127.0.0.1:*} (any port) yields none, so a browser could not read a token
     * @throws StartupException if it does not start or refuses the realm; quotes its log
     */
    static KeycloakComponent start(Path root, List<String> pageOrigins, Path workDir, PostgresComponent postgres) {
        String realm;
        try {
            realm = Files.readString(realmFile(root));
        } catch (IOException e) {
            throw new StartupException("Cannot read the realm " + realmFile(root) + ": " + e.getMessage(), e);
        }
        KeycloakServer server;
        try {
            server = KeycloakServer.startKeeping(workDir, postgres.jdbcUrl(DATABASE), postgres.user(), postgres.user());
        } catch (ChildProcessException | IllegalStateException e) {
            throw new StartupException("Keycloak did not start: " + e.getMessage(), e);
        }
        try {
            if (!server.hasRealm(SkeinRealm.NAME)) {
                server.importRealm(realm);
            } else {
                new RealmUpgrade(server.admin(), SkeinRealm.NAME).apply();
            }
            allowOrigins(server, pageOrigins);
        } catch (IllegalStateException e) {
            String tail = LogFiles.tail(server.logFile(), REPORT_LINES);
            server.close();
            throw new StartupException("Keycloak refused the realm " + realmFile(root) + ": " + e.getMessage()
                    + System.lineSeparator() + tail, e);
        }
        return new KeycloakComponent(server);
    }

    /** {@code http://127.0.0.1:PORT}. */
    String baseUrl() {
        return server.baseUrl();
    }

    /** The skein realm's issuer, also the OIDC {@code auth-server-url} of the services. */
    String issuer() {
        return server.issuer(SkeinRealm.NAME);
    }

    /** The server's log file. */
    Path logFile() {
        return server.logFile();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public String failureReport() {
        return "keycloak stopped" + System.lineSeparator()
                + "--- last lines of " + server.logFile() + " ---" + System.lineSeparator()
                + LogFiles.tail(server.logFile(), REPORT_LINES);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Adds the page's origins to the web client's allowed origins (admin API, partial update). */
    private static void allowOrigins(KeycloakServer server, List<String> origins) {
        KeycloakAdmin admin = server.admin();
        String clients = admin.call("GET", "/admin/realms/" + SkeinRealm.NAME + "/clients?clientId=" + SkeinRealm.WEB_CLIENT, null);
        Matcher id = CLIENT_ID.matcher(clients);
        if (!id.find()) {
            throw new IllegalStateException("no client " + SkeinRealm.WEB_CLIENT + " in the realm: " + clients);
        }
        String list = origins.stream().map(origin -> "\"" + origin + "\"").collect(Collectors.joining(","));
        admin.call("PUT", "/admin/realms/" + SkeinRealm.NAME + "/clients/" + id.group(1),
                "{\"clientId\":\"" + SkeinRealm.WEB_CLIENT + "\",\"webOrigins\":[\"+\"," + list + "]}");
    }

    private static Path realmFile(Path root) {
        return root.resolve(SkeinRealm.RELATIVE_PATH);
    }
}
