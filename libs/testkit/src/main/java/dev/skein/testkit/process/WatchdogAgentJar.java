package dev.skein.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the one-class agent jar holding {@link ParentWatchdog}.
 *
 * <p>{@code -javaagent} needs a jar, but the testkit may be loaded from a directory (in its own
 * build) or by a class loader without a file behind it (Quarkus tests), so the jar is written at
 * run time from the class's bytes, once per class loader, and removed when the JVM exits.
 */
final class WatchdogAgentJar {

    private static Path jar;

    private WatchdogAgentJar() {
    }

    /** Path of the agent jar, written on first use. */
    static synchronized Path path() {
        if (jar == null || !Files.isRegularFile(jar)) {
            jar = write();
        }
        return jar;
    }

    private static Path write() {
        String entryName = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        try (InputStream classBytes = ParentWatchdog.class.getResourceAsStream("ParentWatchdog.class")) {
            if (classBytes == null) {
                throw new IllegalStateException("Class file of " + ParentWatchdog.class.getName() + " not found");
            }
            Path file = Files.createTempFile("skein-watchdog-", ".jar");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file);
                    JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                jarOut.putNextEntry(new JarEntry(entryName));
                classBytes.transferTo(jarOut);
                jarOut.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the watchdog agent jar", e);
        }
    }
}
