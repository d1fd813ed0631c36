package dev.skein.testkit.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL's server binaries ({@code initdb}, {@code postgres}, {@code pg_isready},
 * {@code createdb}): the directory named by {@value #ENV}, else the newest Debian install under
 * {@code /usr/lib/postgresql/VERSION/bin} (Debian keeps them off the {@code PATH}).
 */
public final class PostgresBinaries {

    /** Environment variable naming the directory of the PostgreSQL binaries. */
    public static final String ENV = "SKEIN_POSTGRES_BIN";

    private static final String INSTALL_HINT =
            "PostgreSQL not found: install it (apt-get install -y postgresql) or set " + ENV;

    private PostgresBinaries() {
    }

    /**
     * The directory holding {@code initdb} and {@code postgres}.
     *
     * @throws IllegalStateException if none is found, with how to install one
     */
    public static Path find() {
        return locate().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    /** The directory, if PostgreSQL is installed. */
    public static Optional<Path> locate() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return hasServer(dir) ? Optional.of(dir) : Optional.empty();
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(PostgresBinaries::hasServer)
                    .max(Comparator.comparing(PostgresBinaries::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
