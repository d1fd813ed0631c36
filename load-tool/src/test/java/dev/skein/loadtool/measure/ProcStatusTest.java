package dev.skein.loadtool.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void parsesTheVmRssLine() {
        assertEquals(123456, ProcStatus.parseKiB("VmRSS:\t  123456 kB"));
    }

    @Test
    void readsThisProcesssResidentMemory() {
        long kib = ProcStatus.vmRssKiB(ProcessHandle.current().pid());
        assertTrue(kib > 1024, "a JVM uses more than a MiB: " + kib);
    }

    @Test
    void aMissingProcessIsAClearError() {
        assertThrows(RuntimeException.class, () -> ProcStatus.vmRssKiB(Integer.MAX_VALUE));
    }
}
