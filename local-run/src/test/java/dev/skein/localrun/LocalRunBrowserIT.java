package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people in two headless Chromium contexts edit one document through the whole local run
 * (editor page, two gateways, Kafka, doc-service, presence-service), each on a different gateway,
 * without authentication ({@code --no-auth}) and with it (sign-in, sharing, read-only):
 * text and the named, coloured caret cross from one gateway to the other; without authentication,
 * the page's service-edit button appends a timestamp through doc-service's edit endpoint and it
 * shows in two editors on different gateways (browser-test/service-edit.mjs), and the History
 * panel takes a version, shows it against the later text and restores it into both editors
 * (browser-test/history.mjs).
 * browser-test/collab.mjs does the browsing; its screenshots land in target/browser-test/ for humans.
 */
class LocalRunBrowserIT {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    private LauncherProcess launcher;

    @AfterEach
    void killLeftovers() {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void whatOneBrowserTypesAppearsInTheOtherWithTheTypistsCaret() throws Exception {
        NodeScripts.requireNodePackages();
        NodeScripts.requireChromium();
        Path screenshots = TestSettings.outputDir();
        Files.createDirectories(screenshots);
        Files.deleteIfExists(screenshots.resolve("grace-sees-ada.png"));
        Files.deleteIfExists(screenshots.resolve("ada-sees-grace.png"));
        launcher = LauncherProcess.start(dataDir, screenshots);
        LauncherProcess.ReadyLine ready = launcher.awaitReady();

        String result = NodeScripts.run(BROWSER_TIMEOUT, "collab.mjs",
                "--editor", ready.editorUrl(),
                "--doc", "browser-" + UUID.randomUUID().toString().substring(0, 8),
                "--out", screenshots.toString(),
                "--chromium", TestSettings.chromium().toString());

        assertTrue(result.contains("\"ok\":true"), result);
        assertTrue(result.contains("\"adaGateway\":\"" + ready.gatewayUrl() + "\""), "Ada on gateway 1: " + result);
        assertTrue(result.contains("\"graceGateway\":\"" + ready.gateway2Url() + "\""), "Grace on gateway 2: " + result);
        assertTrue(Files.exists(screenshots.resolve("grace-sees-ada.png")), "screenshot written");
        assertTrue(Files.exists(screenshots.resolve("ada-sees-grace.png")), "screenshot written");

        // the page's service-edit button: doc-service's edit endpoint, and the line shows in both editors
        String serviceEdit = NodeScripts.run(BROWSER_TIMEOUT, "service-edit.mjs",
                "--editor", ready.editorUrl(),
                "--doc", "service-" + UUID.randomUUID().toString().substring(0, 8),
                "--out", screenshots.toString(),
                "--chromium", TestSettings.chromium().toString());
        assertTrue(serviceEdit.contains("\"ok\":true"), serviceEdit);
        assertTrue(serviceEdit.contains("[service edit "), serviceEdit);

        // the History panel: take a version, type on, view it against the current text, restore it
        String history = NodeScripts.run(BROWSER_TIMEOUT, "history.mjs",
                "--editor", ready.editorUrl(),
                "--doc", "history-" + UUID.randomUUID().toString().substring(0, 8),
                "--out", screenshots.toString(),
                "--chromium", TestSettings.chromium().toString());
        assertTrue(history.contains("\"ok\":true"), history);
        launcher.sigterm();
        assertEquals(143, launcher.awaitExit(Duration.ofSeconds(90)), launcher.describe());
    }

    /**
     * With authentication (the default): Ada signs in as alice and Grace as bob with the page's
     * user picker; alice creates the document and shares it with bob (write), both edit through
     * different gateways and see each other; Grace's connection, given a broken token, is closed
     * with 4401 and comes back with a fresh one; then alice makes bob a reader and his edits no
     * longer reach her (collab.mjs --auth true --read-only true).
     */
    @Test
    void signedInUsersShareADocumentEditTogetherAndAReaderCannotWrite() throws Exception {
        NodeScripts.requireNodePackages();
        NodeScripts.requireChromium();
        Path screenshots = TestSettings.outputDir().resolve("auth");
        Files.createDirectories(screenshots);
        launcher = LauncherProcess.startWithAuth(dataDir, screenshots);
        LauncherProcess.ReadyLine ready = launcher.awaitReady();
        assertTrue(ready.withAuth(), launcher.describe());

        String result = NodeScripts.run(BROWSER_TIMEOUT, "collab.mjs",
                "--editor", ready.editorUrl(),
                "--doc", "shared-" + UUID.randomUUID().toString().substring(0, 8),
                "--out", screenshots.toString(),
                "--chromium", TestSettings.chromium().toString(),
                "--auth", "true",
                "--read-only", "true");

        assertTrue(result.contains("\"ok\":true"), result);
        assertTrue(result.contains("\"auth\":true"), result);
        assertTrue(result.contains("\"closeCodes\":[4401]"), "reconnected after 4401: " + result);
        assertTrue(result.contains("read-only access"), "the gateway refused the reader's edit: " + result);
        assertTrue(result.contains("\"adaGateway\":\"" + ready.gatewayUrl() + "\""), "Ada on gateway 1: " + result);
        assertTrue(result.contains("\"graceGateway\":\"" + ready.gateway2Url() + "\""), "Grace on gateway 2: " + result);
        launcher.sigterm();
        assertEquals(143, launcher.awaitExit(Duration.ofSeconds(90)), launcher.describe());
    }
}
