package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void lastLinesOfASmallLog() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, "one\ntwo\nthree\n");

        assertEquals(String.join(System.lineSeparator(), "two", "three"), LogFiles.tail(log, 2));
        assertEquals(String.join(System.lineSeparator(), "one", "two", "three"), LogFiles.tail(log, 10));
    }

    @Test
    void aLogLargerThanTheWindowLosesOnlyItsCutFirstLine() throws Exception {
        Path log = dir.resolve("big.log");
        Files.writeString(log, IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        String tail = LogFiles.tail(log, 3);

        assertEquals(String.join(System.lineSeparator(), "line 19997", "line 19998", "line 19999"), tail);
        assertTrue(LogFiles.tail(log, 1_000_000).lines().allMatch(line -> line.matches("line \\d+")), "no cut line");
    }

    @Test
    void aMissingLogIsSaidSo() {
        assertTrue(LogFiles.tail(dir.resolve("none.log"), 5).startsWith("(could not read "));
    }
}
