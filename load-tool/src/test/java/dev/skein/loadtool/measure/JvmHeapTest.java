package dev.skein.loadtool.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JvmHeapTest {

    @Test
    void readsTheWholeHeapsUsedFigureNotMetaspaces() {
        String g1 = "14117:\n garbage-first heap   total 397312K, used 17956K [0x0000000687400000, 0x0000000800000000)\n"
                + "  region size 4096K, 4 young (16384K), 0 survivors (0K)\n"
                + " Metaspace       used 8923K, committed 9088K, reserved 1114112K\n";
        assertEquals(17956, JvmHeap.parseUsedKiB(g1));
    }

    @Test
    void outputWithoutAHeapFigureIsAnError() {
        assertThrows(IllegalStateException.class, () -> JvmHeap.parseUsedKiB("12: Could not attach"));
    }
}
