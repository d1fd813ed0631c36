package dev.skein.testkit.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code redis-server} binary: the {@value #ENV} environment variable if set, else the
 * {@code PATH}, else the Debian package's {@code /usr/bin/redis-server}.
 */
public final class RedisExecutable {

    /** Environment variable naming the {@code redis-server} binary to run. */
    public static final String ENV = "SKEIN_REDIS_SERVER";

    private static final String INSTALL_HINT =
            "redis-server not found: install it (apt-get install -y redis-server) or set " + ENV;

    private RedisExecutable() {
    }

    /**
     * The binary.
     *
     * @throws IllegalStateException if none is found, with how to install one
     */
    public static Path find() {
        return locate().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    /** The binary, if one is installed. */
    public static Optional<Path> locate() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path debian = Path.of("/usr/bin/redis-server");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }
}
