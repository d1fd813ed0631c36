package dev.skein.loadtool.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, read from Linux's {@code /proc/<pid>/status} (its VmRSS line). */
public final class ProcStatus {

    private ProcStatus() {
    }

    /** VmRSS of {@code pid} in KiB. */
    public static long vmRssKiB(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return parseKiB(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status + " (is process " + pid + " running?)", e);
        }
        throw new IllegalStateException(status + " has no VmRSS line");
    }

    /** The number of {@code "VmRSS:\t  123456 kB"}. */
    static long parseKiB(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
    }
}
