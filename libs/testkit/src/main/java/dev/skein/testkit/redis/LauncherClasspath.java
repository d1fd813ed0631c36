package dev.skein.testkit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory holding only {@link RedisServerMain}'s class file, the classpath of the Redis
 * launcher JVM.
 *
 * <p>Written from the class's bytes because the testkit may be loaded by a class loader without
 * a file behind it (Quarkus tests); once per class loader, deleted when the JVM exits.
 */
final class LauncherClasspath {

    private static Path directory;

    private LauncherClasspath() {
    }

    /** The directory, written on first use. */
    static synchronized Path directory() {
        if (directory == null || !Files.isDirectory(directory)) {
            directory = write();
        }
        return directory;
    }

    private static Path write() {
        String simpleName = RedisServerMain.class.getSimpleName() + ".class";
        try (InputStream bytes = RedisServerMain.class.getResourceAsStream(simpleName)) {
            if (bytes == null) {
                throw new IllegalStateException("Class file of " + RedisServerMain.class.getName() + " not found");
            }
            Path root = Files.createTempDirectory("skein-redis-launcher-");
            Path packageDir = root.resolve(RedisServerMain.class.getPackageName().replace('.', '/'));
            Files.createDirectories(packageDir);
            Path classFile = packageDir.resolve(simpleName);
            Files.copy(bytes, classFile, StandardCopyOption.REPLACE_EXISTING);
            // deleteOnExit runs in reverse order of registration: the file first, then its parents.
            root.toFile().deleteOnExit();
            for (Path p = root.relativize(packageDir); p != null; p = p.getParent()) {
                root.resolve(p).toFile().deleteOnExit();
            }
            classFile.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Redis launcher class", e);
        }
    }
}
