package dev.skein.testkit.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the broker JVM, written by the testkit build ({@code maven-dependency-plugin
 * build-classpath}) into a resource next to this class.
 *
 * <p>It is deliberately not the caller's classpath: a Quarkus test's classpath carries its own
 * versions of shared libraries, and the broker must run with the ones Kafka was built against.
 */
final class BrokerClasspath {

    static final String RESOURCE = "broker-classpath.txt";

    private static List<Path> cached;

    private BrokerClasspath() {
    }

    /**
     * The classpath entries, checked to exist.
     *
     * @throws IllegalStateException if the resource is missing or names files that are gone
     *     (for example after the local Maven repository was cleaned)
     */
    static synchronized List<Path> entries() {
        if (cached == null) {
            cached = load();
        }
        return cached;
    }

    private static List<Path> load() {
        String text;
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
                        + BrokerClasspath.class.getName() + "; build libs/testkit with Maven to generate it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        List<Path> entries = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.strip());
            entries.add(path);
            if (!Files.exists(path)) {
                missing.add(path);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("Resource " + RESOURCE + " is empty; rebuild libs/testkit");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Kafka broker classpath names files that do not exist: " + missing
                    + "; rebuild libs/testkit so that Maven downloads them again");
        }
        return List.copyOf(entries);
    }
}
