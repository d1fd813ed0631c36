package dev.skein.loadtool.measure;

import dev.skein.loadtool.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the server's processes, read from Linux's {@code /proc/<pid>/stat} (user + system
 * time of all the process's threads, in USER_HZ ticks: 100 a second on Linux). A benchmark
 * reports it per delivered message, so a server that is fast only because it burns cores shows.
 */
public final class ServerCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    /** One process to measure, named for the report ({@code gateway}, {@code kafka}, …). */
    public record Process(String name, long pid) {
    }

    private final List<Process> processes;

    public ServerCpu(List<Process> processes) {
        this.processes = List.copyOf(processes);
    }

    /** Parses {@code NAME=PID} or {@code PID} values, each possibly a comma-separated list. */
    public static ServerCpu parse(List<String> values) {
        List<Process> processes = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int equals = item.indexOf('=');
                String name = equals < 0 ? "pid-" + item : item.substring(0, equals);
                String pid = equals < 0 ? item : item.substring(equals + 1);
                try {
                    processes.add(new Process(name, Long.parseLong(pid)));
                } catch (NumberFormatException e) {
                    throw new UsageException("--cpu-pid needs NAME=PID or PID: " + item);
                }
            }
        }
        return new ServerCpu(processes);
    }

    /** Whether any process is measured. */
    public boolean isEmpty() {
        return processes.isEmpty();
    }

    /** CPU seconds each process has used so far (a process that is gone reads as -1). */
    public Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Process process : processes) {
            seconds.merge(process.name(), cpuSeconds(process.pid()), (a, b) -> a < 0 || b < 0 ? -1 : a + b);
        }
        return seconds;
    }

    /** Seconds used between two snapshots, per process and in total ({@code total}). */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            double start = before.getOrDefault(entry.getKey(), -1.0);
            double seconds = start < 0 || entry.getValue() < 0 ? -1 : entry.getValue() - start;
            used.put(entry.getKey(), seconds);
            total += Math.max(0, seconds);
        }
        used.put("total", total);
        return used;
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may hold spaces) in parentheses: state is field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
