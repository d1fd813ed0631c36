package dev.skein.loadtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void readsValuesInBothFormsAndFlags() {
        Arguments args = Arguments.parse(List.of("--docs", "10", "--rate=2.5", "--saturate", "--duration", "0.5"));
        assertEquals(10, args.integer("docs", 100, 1));
        assertEquals(2.5, args.positive("rate", 100));
        assertTrue(args.flag("saturate"));
        assertEquals(Duration.ofMillis(500), args.seconds("duration", 10, 0.1));
        assertFalse(args.flag("absent"));
        args.requireAllUsed();
    }

    @Test
    void repeatedAndCommaSeparatedValuesAreAllKept() {
        Arguments args = Arguments.parse(List.of("--server-pid", "1,2", "--server-pid", "3"));
        assertEquals(List.of("1", "2", "3"), args.all("server-pid"));
    }

    @Test
    void unusedOptionsFailTheRun() {
        Arguments args = Arguments.parse(List.of("--docs", "10", "--dcos", "3"));
        args.integer("docs", 1, 1);
        UsageException e = assertThrows(UsageException.class, args::requireAllUsed);
        assertTrue(e.getMessage().contains("--dcos"), e.getMessage());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("--docs", "ten")).integer("docs", 1, 1));
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("--docs", "0")).integer("docs", 1, 1));
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("--rate", "-1")).positive("rate", 1));
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("stray")));
        assertThrows(UsageException.class, () -> Arguments.parse(List.of("--url")).required("url"));
    }
}
