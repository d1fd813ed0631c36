package dev.skein.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class QuietPartitionsTest {

    private static final TopicPartition U1 = new TopicPartition("updates", 1);
    private static final TopicPartition U2 = new TopicPartition("updates", 2);
    private static final long INTERVAL = 100;
    private static final long QUIET_AFTER = 1_000;

    private QuietPartitions tracking(long now, TopicPartition... partitions) {
        QuietPartitions quiet = new QuietPartitions(INTERVAL, QUIET_AFTER);
        quiet.track(Set.of(partitions), now);
        return quiet;
    }

    @Test
    void aNewPartitionIsQuietButStaysInTheFetchUntilSomethingIsRead() {
        QuietPartitions quiet = tracking(0, U1);
        assertEquals(1, quiet.quietCount(0));
        assertEquals(Set.of(), quiet.paused(0), "nothing read yet: it costs no fetch of its own");
        assertEquals(Long.MAX_VALUE, quiet.nanosToNextRead(0));
    }

    @Test
    void ownRecordsPauseAQuietPartitionForOneIntervalAtATime() {
        QuietPartitions quiet = tracking(0, U1, U2);
        quiet.returned(U1, false, 10);
        assertEquals(Set.of(U1), quiet.paused(10));
        assertEquals(INTERVAL, quiet.nanosToNextRead(10));
        assertEquals(Set.of(U1), quiet.paused(60), "still within its interval");
        assertEquals(50, quiet.nanosToNextRead(60));
        assertEquals(Set.of(), quiet.paused(110), "interval over: read again");
        assertEquals(Set.of(), quiet.paused(150), "nothing arrived since: stays in the fetch");
        quiet.returned(U1, false, 170);
        assertEquals(Set.of(U1), quiet.paused(170));
    }

    @Test
    void anotherWritersRecordMakesThePartitionContinuousUntilItWasQuietForLongEnough() {
        QuietPartitions quiet = tracking(0, U1);
        quiet.returned(U1, true, 10);
        assertEquals(Set.of(), quiet.paused(10));
        assertEquals(0, quiet.quietCount(10));
        quiet.returned(U1, false, 20);
        assertEquals(Set.of(), quiet.paused(20), "own records do not pause it while another writer was recent");
        quiet.returned(U1, false, 10 + QUIET_AFTER);
        assertEquals(Set.of(U1), quiet.paused(10 + QUIET_AFTER), "quiet again");
        assertEquals(1, quiet.quietCount(10 + QUIET_AFTER));
    }

    @Test
    void aPausedPartitionThatIsDroppedIsForgotten() {
        QuietPartitions quiet = tracking(0, U1, U2);
        quiet.returned(U1, false, 10);
        assertEquals(Set.of(U1), quiet.paused(10));
        quiet.track(Set.of(U2), 20);
        assertEquals(Set.of(), quiet.paused(20));
        assertEquals(Long.MAX_VALUE, quiet.nanosToNextRead(20));
        quiet.returned(U1, false, 30);
        assertEquals(Set.of(), quiet.paused(30), "records of an untracked partition change nothing");
    }

    @Test
    void aZeroIntervalReadsEveryPartitionContinuously() {
        QuietPartitions quiet = new QuietPartitions(0, QUIET_AFTER);
        quiet.track(Set.of(U1), 0);
        quiet.returned(U1, false, 10);
        assertEquals(Set.of(), quiet.paused(10));
        assertEquals(0, quiet.quietCount(10));
    }
}
