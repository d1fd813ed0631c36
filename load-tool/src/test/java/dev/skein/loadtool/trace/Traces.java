package dev.skein.loadtool.trace;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared editing traces, beside the repository ({@code <repo>/../shared/data/traces}). */
public final class Traces {

    private Traces() {
    }

    /** The B4 trace; fails the test naming where it was looked for. */
    public static Path b4() {
        String dir = System.getProperty("skein.traces.dir");
        Path traces = dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "data", "traces");
        Path b4 = traces.resolve("automerge-paper.json.gz");
        if (!Files.isRegularFile(b4)) {
            fail("the B4 trace is missing: " + b4.toAbsolutePath().normalize() + " (the shared data folder beside the repository)");
        }
        return b4;
    }
}
