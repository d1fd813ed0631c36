package dev.skein.testkit.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Creating and removing the data directories of servers. */
public final class Directories {

    private Directories() {
    }

    /** Name of the file that records which JVM owns a temporary directory. */
    static final String OWNER_FILE = "owner.pid";

    /**
     * A new directory under the system temporary directory, named {@code prefix...} and marked
     * with this JVM's process id.
     *
     * <p>Its owner deletes it at exit; a JVM that is killed outright cannot. So first, the
     * directories with the same prefix whose owning JVM no longer runs are deleted.
     */
    public static Path createTempForThisJvm(String prefix) {
        deleteAbandoned(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory " + prefix, e);
        }
    }

    /** Deletes the directories {@code parent/prefix*} whose owner file names a process that is gone. */
    static void deleteAbandoned(Path parent, String prefix) {
        try (Stream<Path> candidates = Files.list(parent)) {
            candidates.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .filter(Directories::ownerIsGone)
                    .forEach(Directories::deleteQuietly);
        } catch (IOException e) {
            // Cleaning up after others is a courtesy; it must not stop this JVM's work.
        }
    }

    private static boolean ownerIsGone(Path dir) {
        Path owner = dir.resolve(OWNER_FILE);
        try {
            long pid = Long.parseLong(Files.readString(owner).strip());
            // A reused pid keeps the directory: deleting too little is safe, too much is not.
            return ProcessHandle.of(pid).isEmpty();
        } catch (IOException | NumberFormatException e) {
            // No owner file (not ours, or still being created): leave it alone.
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            // Another JVM may be deleting it at the same time, or it is not ours to delete.
        }
    }

    /** Creates {@code dir} and its parents if they are missing, and returns it. */
    public static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create directory " + dir, e);
        }
    }

    /**
     * Deletes {@code dir} with everything in it; a directory that does not exist is fine.
     *
     * @throws UncheckedIOException if a file could not be deleted
     */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(dir)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
        for (Path path : deepestFirst) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + path, e);
            }
        }
    }
}
