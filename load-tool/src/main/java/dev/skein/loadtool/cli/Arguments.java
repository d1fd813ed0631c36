package dev.skein.loadtool.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options: {@code --name value}, {@code --name=value}, or a bare {@code --flag}.
 * A repeated option keeps every value. Options a scenario never read are reported by
 * {@link #requireAllUsed()}, so a typo fails the run instead of silently using a default.
 */
public final class Arguments {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Arguments() {
    }

    /**
     * Parses {@code args}; a value that starts with {@code --} is taken as the next option, so
     * {@code --saturate --docs 10} makes {@code saturate} a flag.
     */
    public static Arguments parse(List<String> args) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument: " + arg);
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                value = hasValue ? args.get(++i) : null;
            }
            parsed.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    /** Whether {@code --name} was given (as a flag or with a value). */
    public boolean flag(String name) {
        used.add(name);
        List<String> given = values.get(name);
        if (given == null) {
            return false;
        }
        String last = given.get(given.size() - 1);
        return last == null || Boolean.parseBoolean(last);
    }

    /** The last value of {@code --name}. */
    public Optional<String> string(String name) {
        used.add(name);
        List<String> given = values.get(name);
        if (given == null) {
            return Optional.empty();
        }
        String last = given.get(given.size() - 1);
        if (last == null) {
            throw new UsageException("--" + name + " needs a value");
        }
        return Optional.of(last);
    }

    /** The last value of {@code --name}, which must be given. */
    public String required(String name) {
        return string(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    /** Every value of {@code --name}, comma-separated values split. */
    public List<String> all(String name) {
        used.add(name);
        List<String> out = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            if (value == null) {
                throw new UsageException("--" + name + " needs a value");
            }
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** An integer option of at least {@code min}. */
    public int integer(String name, int defaultValue, int min) {
        int value = string(name).map(v -> parseInt(name, v)).orElse(defaultValue);
        if (value < min) {
            throw new UsageException("--" + name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /** A positive decimal option. */
    public double positive(String name, double defaultValue) {
        double value = string(name).map(v -> parseDouble(name, v)).orElse(defaultValue);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UsageException("--" + name + " must be positive: " + value);
        }
        return value;
    }

    /** A duration in seconds (decimals allowed), at least {@code min} seconds. */
    public Duration seconds(String name, double defaultSeconds, double minSeconds) {
        double value = string(name).map(v -> parseDouble(name, v)).orElse(defaultSeconds);
        if (value < minSeconds || Double.isInfinite(value)) {
            throw new UsageException("--" + name + " must be at least " + minSeconds + " s: " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    /** Fails for options nobody read. */
    public void requireAllUsed() {
        List<String> unknown = values.keySet().stream().filter(name -> !used.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s) for this scenario: --" + String.join(", --", unknown));
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs an integer: " + value);
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number: " + value);
        }
    }
}
