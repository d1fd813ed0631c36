package dev.skein.testkit.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Keycloak (26 needs Java 21 or newer; the services build with 17): the
 * directory named by {@value #ENV}, else this JVM's own if new enough, else the newest JDK of at
 * least that version under {@code /usr/lib/jvm}.
 */
public final class KeycloakJava {

    /** Environment variable naming the JDK (its home directory) that runs Keycloak. */
    public static final String ENV = "SKEIN_KEYCLOAK_JAVA_HOME";
    /** The oldest Java release Keycloak 26 runs on. */
    public static final int MINIMUM_RELEASE = 21;

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private KeycloakJava() {
    }

    /**
     * The JDK home.
     *
     * @throws IllegalStateException if none is found
     */
    public static Path find() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Runtime.version().feature() >= MINIMUM_RELEASE) {
            return Path.of(System.getProperty("java.home"));
        }
        return newestInstalled().orElseThrow(() -> new IllegalStateException("Keycloak needs Java "
                + MINIMUM_RELEASE + "+; none found under /usr/lib/jvm. Install one or set " + ENV));
    }

    private static Optional<Path> newestInstalled() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> release(home) >= MINIMUM_RELEASE)
                    .max(Comparator.comparingInt(KeycloakJava::release));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release of a JDK from its {@code release} file, 0 if unknown. */
    static int release(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
