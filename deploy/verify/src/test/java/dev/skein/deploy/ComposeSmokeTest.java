package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Where a Docker engine with Compose exists: builds the images, brings docker-compose.yml up and
 * checks that every service reports ready, the gateway serves its metrics and Keycloak issues the
 * gateway's service-account token from the imported realm. Skipped, saying why, where there is no
 * docker, where the services are not packaged (./mvnw package first), or with
 * -Dskein.compose.smoke=false. Takes minutes: images are pulled and built.
 */
class ComposeSmokeTest {

    private static boolean started;

    static boolean dockerComposeWorks() {
        try {
            Process p = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips with the reason, logged too so that it shows in the build's output. */
    static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.getLogger(ComposeSmokeTest.class.getName())
                .log(System.Logger.Level.INFO, "ComposeSmokeTest skipped: " + reason);
        }
        assumeTrue(condition, "compose smoke test skipped: " + reason);
    }

    static int run(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Repo.root().toFile()).inheritIO().start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        return p.exitValue();
    }

    @Test
    void composeComesUpAndAnswers() throws Exception {
        skipUnless(!"false".equals(System.getProperty("skein.compose.smoke")), "switched off (-Dskein.compose.smoke=false)");
        skipUnless(dockerComposeWorks(), "no Docker engine with Compose here (`docker compose version` failed)");
        List<String> unbuilt = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            if (!Files.isRegularFile(Repo.module(service).resolve("target/quarkus-app/quarkus-run.jar"))) {
                unbuilt.add(service);
            }
        }
        skipUnless(unbuilt.isEmpty(), "services not packaged (" + unbuilt + "): run ./mvnw -B package -DskipTests first");

        started = true;
        // up -d returns once every container is started, each after its dependencies' conditions held
        assertEquals(0, run(Duration.ofMinutes(20), "docker", "compose", "up", "-d", "--build"), "docker compose up -d --build");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int port = 8081; port <= 8085; port++) {
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            Awaitility.await("ready: " + ready).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, metrics.statusCode(), "gateway metrics");
        // Keycloak imported the repository's realm: the gateway's service account gets a token.
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8180/realms/skein/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&client_id=skein-gateway&client_secret=skein-gateway-secret"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().contains("access_token"), token.body());
    }

    @AfterAll
    static void down() throws Exception {
        if (started) {
            run(Duration.ofMinutes(5), "docker", "compose", "down", "--volumes", "--remove-orphans");
        }
    }
}
