package dev.skein.ycrdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build records the CLI's CDS archive from this run: every command in it must succeed. */
class CdsTrainingTest {

    @TempDir
    Path dir;

    @Test
    void everyTrainingCommandSucceeds() throws IOException {
        assertEquals(0, CdsTraining.train(dir));
    }
}
