package dev.skein.testkit.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The unpacked Keycloak distribution. The testkit build unpacks the zip from the local Maven
 * repository once into a cache directory beside it and writes that directory's path into a
 * resource next to this class, so no test downloads anything.
 */
public final class KeycloakDistribution {

    static final String RESOURCE = "keycloak-home.txt";

    private KeycloakDistribution() {
    }

    /**
     * The distribution's home directory (holding {@code bin/kc.sh}).
     *
     * @throws IllegalStateException if the resource is missing or the directory is gone
     */
    public static Path home() {
        String text;
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
                        + KeycloakDistribution.class.getName() + "; build libs/testkit with Maven to generate it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        Path home = Path.of(text);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution in " + home
                    + "; rebuild libs/testkit so that Maven unpacks it again");
        }
        return home;
    }
}
