package dev.skein.testkit.postgres;

import dev.skein.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts {@link CommandMain} as a {@link ChildProcess}: a directory holding only its class file is
 * the child's classpath. Written from the class's bytes because the testkit may be loaded by a
 * class loader without a file behind it (Quarkus tests); once per class loader.
 */
public final class CommandLauncher {

    private static Path directory;

    private CommandLauncher() {
    }

    /** A child JVM that will run {@code command}; the caller adds the log file and starts it. */
    public static ChildProcess.Builder command(String name, String... command) {
        return ChildProcess.java(name)
                .classpath(classpath().toString())
                .mainClass(CommandMain.class.getName())
                .jvmArgs("-Xmx16m", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
                .args(command);
    }

    private static synchronized Path classpath() {
        if (directory == null || !Files.isDirectory(directory)) {
            directory = write();
        }
        return directory;
    }

    private static Path write() {
        String simpleName = CommandMain.class.getSimpleName() + ".class";
        try (InputStream bytes = CommandMain.class.getResourceAsStream(simpleName)) {
            if (bytes == null) {
                throw new IllegalStateException("Class file of " + CommandMain.class.getName() + " not found");
            }
            Path root = Files.createTempDirectory("skein-command-launcher-");
            Path packageDir = root.resolve(CommandMain.class.getPackageName().replace('.', '/'));
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
            throw new UncheckedIOException("Could not write the command launcher class", e);
        }
    }
}
