package dev.skein.testkit.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path parent;

    @Test
    void deletesOnlyDirectoriesWhoseOwnerIsGone() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path abandoned = ownedBy("skein-x-abandoned", finished.pid());
        Path mine = ownedBy("skein-x-mine", ProcessHandle.current().pid());
        Path unmarked = Files.createDirectories(parent.resolve("skein-x-unmarked"));
        Path otherPrefix = ownedBy("other-abandoned", finished.pid());

        Directories.deleteAbandoned(parent, "skein-x-");

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(unmarked), "a directory without owner file is not ours");
        assertTrue(Files.exists(otherPrefix));
    }

    @Test
    void deleteRecursivelyRemovesNestedFilesAndToleratesMissingDirectories() throws IOException {
        Path dir = parent.resolve("tree");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/file.txt"), "x");

        Directories.deleteRecursively(dir);
        Directories.deleteRecursively(dir);

        assertFalse(Files.exists(dir));
    }

    private Path ownedBy(String name, long pid) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve(Directories.OWNER_FILE), Long.toString(pid));
        Files.writeString(dir.resolve("data.log"), "payload");
        return dir;
    }
}
