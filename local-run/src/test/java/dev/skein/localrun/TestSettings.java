package dev.skein.localrun;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths the integration tests get from the build (failsafe system properties in the pom), with
 * defaults that work when a test is started from an IDE in the local-run folder.
 */
final class TestSettings {

    private TestSettings() {
    }

    /**
     * The repository whose built services the launcher runs; {@code -Dskein.test.root=DIR} points
     * the tests at another build.
     */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("skein.test.root", "..")).toAbsolutePath().normalize();
    }

    /** The launcher's classpath, as run-local.sh builds it. */
    static String launcherClasspath() {
        Path classes = Path.of(System.getProperty("skein.launcher.classes", "target/classes"));
        Path file = Path.of(System.getProperty("skein.launcher.classpath.file", "target/runtime-classpath.txt"));
        try {
            return classes.toAbsolutePath() + File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("No launcher classpath file " + file + "; build local-run with Maven", e);
        }
    }

    /** The browser-test folder with the Node scripts. */
    static Path browserTestDir() {
        return Path.of(System.getProperty("skein.browser-test.dir", "../browser-test")).toAbsolutePath().normalize();
    }

    /** Where tests put screenshots and launcher output for humans. */
    static Path outputDir() {
        return Path.of(System.getProperty("skein.test.output", "target/browser-test")).toAbsolutePath();
    }

    /** Debian's Chromium, or {@code -Dskein.chromium=PATH}. */
    static Path chromium() {
        return Path.of(System.getProperty("skein.chromium", "/usr/bin/chromium"));
    }
}
