package dev.skein.persistence.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skein.storage.history.Trigger;
import dev.skein.storage.history.VersionEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** A "now" at 12:30 UTC, so that periods around the tested ages are easy to see. */
    private static final long NOW = 20_000 * DAY + 12 * HOUR + 30 * 60_000;

    @Test
    void parsesRulesAndRefusesNonsense() {
        RetentionRules rules = RetentionRules.parse("1d:all, 7d:1h,90d:1d", true);
        assertEquals(List.of(new RetentionRules.Rule(Duration.ofDays(1), Duration.ZERO),
            new RetentionRules.Rule(Duration.ofDays(7), Duration.ofHours(1)),
            new RetentionRules.Rule(Duration.ofDays(90), Duration.ofDays(1))), rules.rules());
        assertEquals(Duration.ofMillis(500), RetentionRules.duration("500ms"));
        assertEquals(Duration.ofDays(14), RetentionRules.duration("2w"));
        assertThrows(IllegalArgumentException.class, () -> RetentionRules.parse("1d", true));
        assertThrows(IllegalArgumentException.class, () -> RetentionRules.parse("1x:all", true));
        assertThrows(IllegalArgumentException.class, () -> RetentionRules.parse("7d:all,1d:1h", true), "out of order");
        assertThrows(IllegalArgumentException.class, () -> RetentionRules.parse("1d:0s", true));
    }

    @Test
    void keepsAllOfTheLastDayHourlyForAWeekDailyForNinetyDays() {
        List<VersionEntry> versions = new ArrayList<>();
        long v = 0;
        // older than 90 days: dropped, unless labelled
        versions.add(entry(++v, NOW - 100 * DAY, ""));
        versions.add(entry(++v, NOW - 95 * DAY, "release"));
        // 80 days ago, two in one UTC day: the later one
        long day80 = Math.floorDiv(NOW - 80 * DAY, DAY) * DAY;
        versions.add(entry(++v, day80 + 2 * HOUR, ""));
        versions.add(entry(++v, day80 + 5 * HOUR, ""));
        versions.add(entry(++v, NOW - 30 * DAY, ""));
        // 5 days ago, two in one hour and one in another: the later of the two, and the other
        long hour5d = Math.floorDiv(NOW - 5 * DAY, HOUR) * HOUR;
        versions.add(entry(++v, hour5d + 10 * 60_000, ""));
        versions.add(entry(++v, hour5d + 40 * 60_000, ""));
        versions.add(entry(++v, hour5d + 2 * HOUR + 5 * 60_000, ""));
        // the last day: all of them
        versions.add(entry(++v, NOW - 20 * HOUR, ""));
        versions.add(entry(++v, NOW - 20 * HOUR + 60_000, ""));
        versions.add(entry(++v, NOW - HOUR, ""));

        Set<Long> kept = new Retention(RetentionRules.parse("1d:all,7d:1h,90d:1d", true)).keep(versions, NOW);
        assertEquals(new TreeSet<>(List.of(2L, 4L, 5L, 7L, 8L, 9L, 10L, 11L)), kept);

        Set<Long> withoutLabels = new Retention(RetentionRules.parse("1d:all,7d:1h,90d:1d", false)).keep(versions, NOW);
        assertEquals(new TreeSet<>(List.of(4L, 5L, 7L, 8L, 9L, 10L, 11L)), withoutLabels);
    }

    @Test
    void theNewestVersionIsKeptWhateverItsAge() {
        List<VersionEntry> versions = List.of(entry(1, NOW - 400 * DAY, ""), entry(2, NOW - 300 * DAY, ""));
        assertEquals(Set.of(2L), new Retention(RetentionRules.parse("1d:all", false)).keep(versions, NOW));
    }

    private static VersionEntry entry(long version, long time, String label) {
        return new VersionEntry(version, time, label.isEmpty() ? Trigger.IDLE : Trigger.REQUEST, label, "", List.of(), 10);
    }
}
