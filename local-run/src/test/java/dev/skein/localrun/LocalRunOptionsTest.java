package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunOptionsTest {

    @TempDir
    Path repo;

    @Test
    void defaultsArePortsOfTheBriefAndADataFolderInTheRepository() throws Exception {
        Path below = fakeRepository().resolve("local-run").resolve("src");
        Files.createDirectories(below);

        LocalRunOptions options = LocalRunOptions.parse(List.of(), Map.of(), below);

        assertEquals(repo, options.root());
        assertEquals(repo.resolve(".skein-data"), options.dataDir());
        assertEquals(8080, options.port("editor"));
        assertEquals(8081, options.port("gateway"));
        assertEquals(8086, options.port("gateway2"), "the second gateway");
        assertEquals(8082, options.port("doc"));
        assertEquals(0, options.port("kafka"), "Kafka takes a free port unless configured");
        assertEquals(LocalRunOptions.DEFAULT_STARTUP_TIMEOUT, options.startupTimeout());
    }

    @Test
    void optionsWinOverEnvironmentWhichWinsOverDefaults() throws Exception {
        fakeRepository();
        Map<String, String> env = Map.of("SKEIN_GATEWAY_PORT", "9001", "SKEIN_EDITOR_PORT", "9000",
                "SKEIN_DATA_DIR", "from-env", "SKEIN_STARTUP_TIMEOUT", "30");

        LocalRunOptions options = LocalRunOptions.parse(
                List.of("--gateway-port", "7001", "--data-dir=from-args", "--kafka-port=0"), env, repo);

        assertEquals(7001, options.port("gateway"));
        assertEquals(9000, options.port("editor"));
        assertEquals(repo.resolve("from-args"), options.dataDir());
        assertEquals(Duration.ofSeconds(30), options.startupTimeout());
    }

    @Test
    void everyServiceHasAPortOption() throws Exception {
        fakeRepository();
        for (ServiceSpec service : Services.all()) {
            LocalRunOptions options = LocalRunOptions.parse(List.of("--" + service.key() + "-port", "12345"), Map.of(), repo);
            assertEquals(12345, options.port(service.key()));
            assertTrue(LocalRunOptions.usage().contains("--" + service.key() + "-port"), service.key());
        }
    }

    @Test
    void authIsOnUnlessNoAuthIsGivenAndAuthServiceHasItsPort() throws Exception {
        fakeRepository();
        LocalRunOptions defaults = LocalRunOptions.parse(List.of(), Map.of(), repo);
        assertTrue(defaults.auth(), "on by default (off later if Keycloak cannot run here)");
        assertEquals(8085, defaults.port("auth"));
        assertFalse(LocalRunOptions.parse(List.of("--no-auth", "--auth-port", "9085"), Map.of(), repo).auth());
        assertEquals(9085, LocalRunOptions.parse(List.of("--no-auth", "--auth-port", "9085"), Map.of(), repo).port("auth"));
        assertFalse(LocalRunOptions.parse(List.of(), Map.of("SKEIN_NO_AUTH", "true"), repo).auth());
        assertTrue(LocalRunOptions.parse(List.of(), Map.of("SKEIN_NO_AUTH", "false"), repo).auth());
        assertTrue(LocalRunOptions.usage().contains("--no-auth"), LocalRunOptions.usage());
    }

    @Test
    void theRunSaysInOneLineWhyItGoesWithoutAuth() {
        assertEquals(Optional.empty(), LocalStack.authOff(true, Optional::empty));
        assertEquals(Optional.of("auth off (no Java 21+ for Keycloak): no Keycloak, PostgreSQL or auth-service;"
                + " the gateways accept connections without tokens"),
                LocalStack.authOff(true, () -> Optional.of("no Java 21+ for Keycloak")));
        assertTrue(LocalStack.authOff(false, () -> {
            throw new AssertionError("the machine is not examined when auth is not wanted");
        }).orElseThrow().startsWith("auth off (--no-auth given)"));
    }

    @Test
    void withoutAuthTheRunStartsNoAuthService() {
        assertTrue(Services.withAuth(true).stream().anyMatch(s -> s.module().equals("auth-service")));
        assertTrue(Services.withAuth(false).stream().noneMatch(s -> s.module().equals("auth-service")));
        assertEquals(Services.all().size() - 1, Services.withAuth(false).size());
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() throws Exception {
        fakeRepository();
        assertMessage("Unknown option --colour", "--colour", "red");
        assertMessage("--gateway-port must be a port number 0-65535, not 70000", "--gateway-port", "70000");
        assertMessage("--editor-port must be a port number 0-65535, not x", "--editor-port=x");
        assertMessage("Option --data-dir needs a value", "--data-dir");
        assertMessage("Unexpected argument: start", "start");
        assertMessage("--startup-timeout must be a positive number of seconds, not 0", "--startup-timeout", "0");
        assertNull(assertThrows(LocalRunOptions.UsageException.class,
                () -> LocalRunOptions.parse(List.of("--help"), Map.of(), repo)).getMessage(), "help is no error");
    }

    @Test
    void outsideARepositoryTheRootMustBeGiven() {
        LocalRunOptions.UsageException e = assertThrows(LocalRunOptions.UsageException.class,
                () -> LocalRunOptions.parse(List.of(), Map.of(), repo));
        assertTrue(e.getMessage().contains("--root"), e.getMessage());
        assertEquals(repo.resolve("elsewhere"),
                LocalRunOptions.parse(List.of("--root", "elsewhere"), Map.of(), repo).root());
    }

    private Path fakeRepository() throws Exception {
        Files.createDirectories(repo.resolve("local-run"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve("local-run").resolve("pom.xml"), "<project/>");
        return repo;
    }

    private void assertMessage(String expected, String... args) {
        LocalRunOptions.UsageException e = assertThrows(LocalRunOptions.UsageException.class,
                () -> LocalRunOptions.parse(List.of(args), Map.of(), repo));
        assertEquals(expected, e.getMessage());
    }
}
