package dev.skein.loadtool.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Percentiles of a histogram of microseconds, in milliseconds, as reports show them. */
public final class LatencySummary {

    private LatencySummary() {
    }

    /** count, p50, p95, p99, p999, max and mean (milliseconds, three decimals). */
    public static Map<String, Object> of(Histogram micros) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", micros.getTotalCount());
        out.put("p50_ms", ms(micros.getValueAtPercentile(50)));
        out.put("p95_ms", ms(micros.getValueAtPercentile(95)));
        out.put("p99_ms", ms(micros.getValueAtPercentile(99)));
        out.put("p999_ms", ms(micros.getValueAtPercentile(99.9)));
        out.put("max_ms", ms(micros.getMaxValue()));
        out.put("mean_ms", round(micros.getTotalCount() == 0 ? 0 : micros.getMean() / 1000.0));
        return out;
    }

    /** One line: {@code p50 1.234 ms, p95 ..., p99 ..., max ... (n)}. */
    public static String line(Histogram micros) {
        return String.format(java.util.Locale.ROOT, "p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (%d samples)",
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    /** Rounds to three decimals. */
    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
