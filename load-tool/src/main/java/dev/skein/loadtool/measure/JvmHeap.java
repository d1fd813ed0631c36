package dev.skein.loadtool.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: a full collection ({@code jcmd PID GC.run}), then the used heap
 * from {@code jcmd PID GC.heap_info}. A JVM's resident memory barely moves while its already
 * committed heap fills up, so for a JVM server this is the reading that shows what connections
 * and documents cost; resident memory is still reported beside it.
 */
public final class JvmHeap {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final long TIMEOUT_SECONDS = 60;

    private JvmHeap() {
    }

    /** Used heap of {@code pid} in KiB after a full collection. */
    public static long usedAfterGcKiB(long pid) {
        jcmd(pid, "GC.run");
        return parseUsedKiB(jcmd(pid, "GC.heap_info"));
    }

    /** The first {@code used NNNK} of a heap summary (the whole heap, before its regions). */
    static long parseUsedKiB(String heapInfo) {
        Matcher matcher = USED.matcher(heapInfo);
        if (!matcher.find()) {
            throw new IllegalStateException("no 'used NNNK' in jcmd GC.heap_info output: " + heapInfo);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + " (is process " + pid + " a JVM?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
