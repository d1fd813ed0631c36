package dev.skein.localrun;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.skein.testkit.net.FreePorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as people use it: one ready line, Ctrl-C (SIGTERM) stops every process it
 * started, a restart on the same data folder and SIGHUP's restart of the services keep documents,
 * and failures say what to do.
 */
class LocalRunLifecycleIT {

    /** SIGTERM ends a JVM with 128 + 15 once its shutdown hooks are done. */
    private static final int EXIT_STATUS_SIGTERM = 143;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private final List<LauncherProcess> launchers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killLeftovers() {
        launchers.forEach(LauncherProcess::close);
    }

    @Test
    void printsOneReadyLineAndSigtermLeavesNoProcessBehind() throws Exception {
        LauncherProcess launcher = start();
        LauncherProcess.ReadyLine ready = launcher.awaitReady();

        assertEquals(1, launcher.stdoutLines().size(), "standard output is the ready line alone: " + launcher.describe());
        String config = get(ready.editorUrl() + "config.json").body();
        String gateways = "{\"gatewayUrl\":\"" + ready.gatewayUrl() + "\",\"gateways\":[\"" + ready.gatewayUrl() + "\",\""
                + ready.gateway2Url() + "\"]";
        // and doc-service, for the page's service-edit button
        assertTrue(config.startsWith(gateways) && config.substring(gateways.length())
                .matches(",\"docServiceUrl\":\"http://127\\.0\\.0\\.1:\\d+\"}"), config);
        assertTrue(get(ready.editorUrl()).body().contains("editor.js"), "the editor page is served");
        assertEquals(200, get("http://127.0.0.1:" + ready.gatewayPort() + HealthProbe.READY_PATH).statusCode());
        assertEquals(200, get("http://127.0.0.1:" + ready.gateway2Port() + HealthProbe.READY_PATH).statusCode());
        List<ProcessHandle> children = launcher.descendants();
        assertTrue(children.size() >= 1 + Services.withAuth(false).size(), "Kafka and every service run as children: " + children);
        assertTrue(launcher.stderr().contains("auth off (--no-auth given)"), launcher.stderr());
        assertFalse(ready.withAuth(), "no Keycloak in the ready line: " + launcher.stdoutLines());
        // the services off the editors' path run on the client compiler only, the others on both
        for (String module : List.of("persistence-service", "presence-service", "gateway-service", "doc-service")) {
            String line = children.stream().map(child -> child.info().commandLine().orElse(""))
                    .filter(command -> command.contains(module + "/target")).findFirst().orElseThrow();
            assertEquals(module.startsWith("p"), line.contains(Services.CLIENT_COMPILER_ONLY), line);
        }
        // and so does the S3 server, the stand-in for a real S3 service
        String s3 = children.stream().map(child -> child.info().commandLine().orElse(""))
                .filter(command -> command.contains("s3proxy")).findFirst().orElseThrow();
        assertTrue(s3.contains(Services.CLIENT_COMPILER_ONLY), s3);

        launcher.sigterm();

        assertEquals(EXIT_STATUS_SIGTERM, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
        await("every child of the launcher ends").atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(Ports.isFree(ready.editorPort()) && Ports.isFree(ready.gatewayPort())
                && Ports.isFree(ready.gateway2Port()), "ports released");
        String stderr = launcher.stderr();
        for (ServiceSpec service : Services.withAuth(false)) {
            assertTrue(stderr.contains(service.name() + " stopped"), stderr);
        }
        assertFalse(stderr.contains("auth-service stopped") || stderr.contains("keycloak stopped")
                || stderr.contains("postgres stopped"), "no auth components without authentication: " + stderr);
        assertTrue(stderr.contains("kafka stopped"), stderr);
        assertEquals(1, launcher.stdoutLines().size(), launcher.describe());
    }

    @Test
    void aRestartWithTheSameDataFolderAndARestartOfTheServicesKeepADocument() {
        NodeScripts.requireNodePackages();
        String doc = "restart-" + UUID.randomUUID();
        String text = "written before the restart " + UUID.randomUUID();

        LauncherProcess first = start();
        LauncherProcess.ReadyLine before = first.awaitReady();
        NodeScripts.run(SCRIPT_TIMEOUT, "yjs-client.mjs", "--gateway", before.gatewayUrl(), "--doc", doc, "--write", text);
        first.sigterm();
        assertEquals(EXIT_STATUS_SIGTERM, first.awaitExit(EXIT_TIMEOUT), first.describe());

        LauncherProcess second = start();
        LauncherProcess.ReadyLine after = second.awaitReady();
        String result = NodeScripts.run(SCRIPT_TIMEOUT, "yjs-client.mjs", "--gateway", after.gatewayUrl(),
                "--doc", doc, "--expect", text);

        assertTrue(result.contains("\"ok\":true"), result);

        // SIGHUP: the services start again on the running broker (a rollout), the document stays.
        // A process started under nohup inherits an ignored SIGHUP, which no JVM can take over.
        assumeFalse(second.stderr().contains("SIGHUP is ignored"), "SIGHUP is ignored where these tests run (nohup)");
        List<ProcessHandle> servicesBefore = services(second);
        // the broker, the S3 server and Redis
        List<ProcessHandle> infrastructure = second.descendants().stream()
                .filter(child -> !servicesBefore.contains(child)).toList();
        assertTrue(infrastructure.size() >= 3, "broker, S3 and Redis: " + infrastructure);
        second.sighup();
        second.awaitReadyLines(2);
        assertTrue(infrastructure.stream().allMatch(ProcessHandle::isAlive), "the infrastructure ran on: " + second.describe());
        assertTrue(servicesBefore.stream().noneMatch(ProcessHandle::isAlive), "every service was stopped: " + servicesBefore);
        assertEquals(Services.withAuth(false).size(), services(second).size(), second.describe());
        assertEquals(List.of(second.stdoutLines().get(0), second.stdoutLines().get(0)), second.stdoutLines(),
                "the same ready line again");
        String afterRestart = NodeScripts.run(SCRIPT_TIMEOUT, "yjs-client.mjs", "--gateway", after.gatewayUrl(),
                "--doc", doc, "--expect", text);
        assertTrue(afterRestart.contains("\"ok\":true"), afterRestart);

        second.sigterm();
        assertEquals(EXIT_STATUS_SIGTERM, second.awaitExit(EXIT_TIMEOUT), second.describe());
    }

    /** The launcher's service JVMs (each runs a quarkus-run.jar). */
    private static List<ProcessHandle> services(LauncherProcess launcher) {
        return launcher.descendants().stream()
                .filter(child -> child.info().commandLine().orElse("").contains("quarkus-app/quarkus-run.jar")).toList();
    }

    @Test
    void aServiceThatDiesStopsTheWholeRun() {
        LauncherProcess launcher = start();
        launcher.awaitReady();
        List<ProcessHandle> children = launcher.descendants();
        ProcessHandle gateway = children.stream()
                .filter(child -> child.info().commandLine().orElse("").contains("gateway-service"))
                .findFirst().orElseThrow(() -> new AssertionError("no gateway-service child in " + children));

        gateway.destroyForcibly();

        assertEquals(LocalRun.EXIT_FAILED, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
        // either gateway instance may be the one found (gateway-service or gateway-service-2)
        assertTrue(launcher.stderr().matches("(?s).*stopping everything because gateway-service(-2)? stopped.*"),
                launcher.describe());
        await("every child of the launcher ends").atMost(Duration.ofSeconds(30))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aTakenPortFailsAtOnceNamingThePortAndTheOption() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(FreePorts.loopback(), 0));
            int port = busy.getLocalPort();

            LauncherProcess launcher = start("--gateway-port", Integer.toString(port));

            assertEquals(LocalRun.EXIT_FAILED, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
            String stderr = launcher.stderr();
            assertTrue(stderr.contains("port " + port + " (gateway) is already in use"), stderr);
            assertTrue(stderr.contains("--gateway-port N"), stderr);
            assertFalse(stderr.contains("kafka ready"), "nothing starts when a port is taken: " + stderr);
            assertTrue(launcher.stdoutLines().isEmpty(), launcher.describe());
        }
    }

    @Test
    void anUnbuiltServiceIsReportedBeforeAnythingStarts() throws Exception {
        Path root = fakeRepository();

        LauncherProcess launcher = start("--root", root.toString());

        assertEquals(LocalRun.EXIT_FAILED, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
        String stderr = launcher.stderr();
        for (ServiceSpec service : Services.withAuth(false)) {
            assertTrue(stderr.contains(service.module() + " is not built"), stderr);
        }
        assertTrue(stderr.contains("./mvnw install -DskipTests"), stderr);
        assertFalse(stderr.contains("kafka ready"), stderr);
    }

    @Test
    void withoutWhatKeycloakNeedsTheRunGoesOnWithoutAuthAndSaysSoInOneLine() throws Exception {
        Path root = fakeRepository(); // no deploy/keycloak/skein-realm.json, nothing built

        LauncherProcess launcher = LauncherProcess.startWithAuth(dataDir, TestSettings.outputDir(), "--root", root.toString());
        launchers.add(launcher);

        assertEquals(LocalRun.EXIT_FAILED, launcher.awaitExit(EXIT_TIMEOUT), launcher.describe());
        String stderr = launcher.stderr();
        assertEquals(1, stderr.lines().filter(line -> line.startsWith("skein: auth off (")).count(), stderr);
        assertTrue(stderr.contains("auth off (the realm file " + root.resolve("deploy/keycloak/skein-realm.json")
                + " is missing): no Keycloak, PostgreSQL or auth-service"), stderr);
        assertTrue(stderr.contains("gateway-service is not built"), stderr);
        assertFalse(stderr.contains("auth-service is not built"), "auth-service is not needed: " + stderr);
    }

    @Test
    void aServiceThatCannotStartFailsTheRunWithTheEndOfItsLog() throws Exception {
        Path root = fakeRepository();
        for (ServiceSpec service : Services.withAuth(false)) {
            Path jar = service.runnableJar(root);
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not a jar");
        }

        LauncherProcess launcher = start("--root", root.toString());

        assertEquals(LocalRun.EXIT_FAILED, launcher.awaitExit(LauncherProcess.READY_TIMEOUT), launcher.describe());
        String stderr = launcher.stderr();
        assertTrue(stderr.contains("could not start: "), stderr);
        assertTrue(stderr.contains("exited with status 1 before it was ready"), stderr);
        assertTrue(stderr.contains("Invalid or corrupt jarfile"), "the service's log is quoted: " + stderr);
        assertTrue(stderr.contains("kafka stopped"), "the broker that did start is stopped again: " + stderr);
        await("the broker ends").atMost(Duration.ofSeconds(30)).until(() -> processesUsing(dataDir).isEmpty());
    }

    private LauncherProcess start(String... args) {
        LauncherProcess launcher = LauncherProcess.start(dataDir, TestSettings.outputDir(), args);
        launchers.add(launcher);
        return launcher;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A folder the launcher accepts as a repository, without any built service. */
    private Path fakeRepository() throws Exception {
        Path root = Files.createTempDirectory(dataDir, "repo-");
        Files.createDirectories(root.resolve("local-run"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("local-run").resolve("pom.xml"), "<project/>");
        return root;
    }

    /** Processes whose command line names {@code dir}: the broker's names its configuration there. */
    private static List<ProcessHandle> processesUsing(Path dir) {
        String path = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(path)).orElse(false))
                .toList();
    }
}
