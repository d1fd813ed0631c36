package dev.skein.testkit.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The S3Proxy jar in the local Maven repository, whose path the testkit build writes into a
 * resource next to this class ({@code maven-dependency-plugin build-classpath}).
 */
final class S3ProxyJar {

    static final String RESOURCE = "s3proxy-jar.txt";

    private S3ProxyJar() {
    }

    /**
     * The jar, checked to exist.
     *
     * @throws IllegalStateException if the resource is missing or names a file that is gone
     */
    static Path path() {
        String text;
        try (InputStream in = S3ProxyJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
                    + S3ProxyJar.class.getName() + "; build libs/testkit with Maven to generate it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        if (text.isEmpty()) {
            throw new IllegalStateException("Resource " + RESOURCE + " is empty; rebuild libs/testkit");
        }
        Path jar = Path.of(text);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The S3Proxy jar " + jar
                + " does not exist; rebuild libs/testkit so that Maven downloads it again");
        }
        return jar;
    }
}
