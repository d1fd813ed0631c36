package dev.skein.loadtool.trace;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The editing traces kept in the repository ({@code <repo>/testdata/traces}). */
public final class Traces {

    private Traces() {
    }

    /** The B4 trace; fails the test naming where it was looked for. */
    public static Path b4() {
        String dir = System.getProperty("skein.traces.dir");
        Path traces = dir != null ? Path.of(dir) : Path.of("..", "testdata", "traces");
        Path b4 = traces.resolve("automerge-paper.json.gz");
        if (!Files.isRegularFile(b4)) {
            fail("the B4 trace is missing: " + b4.toAbsolutePath().normalize() + " (the repository's testdata/traces)");
        }
        return b4;
    }
}
