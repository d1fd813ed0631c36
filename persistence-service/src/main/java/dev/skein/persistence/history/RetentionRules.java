package dev.skein.persistence.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which versions retention keeps, by age ({@code skein.history.retention}): rules of the form
 * {@code AGE:EVERY}, youngest first. A version at most AGE old falls under the first rule whose AGE
 * it does not exceed and is kept when it is the newest version of its EVERY-long period (periods
 * counted from the epoch), or in any case for {@code all}; a version older than every AGE is
 * dropped. The newest version is always kept; labelled ones when {@code keepLabelled}.
 *
 * @param rules the rules, youngest AGE first
 * @param keepLabelled whether labelled versions are kept whatever their age
 */
public record RetentionRules(List<Rule> rules, boolean keepLabelled) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    /**
     * One rule.
     *
     * @param maxAge versions at most this old
     * @param every one per period this long; {@link Duration#ZERO} for all of them
     */
    public record Rule(Duration maxAge, Duration every) {

        /** Whether it keeps every version. */
        public boolean keepsAll() {
            return every.isZero();
        }
    }

    /** Checks the order. */
    public RetentionRules {
        rules = List.copyOf(rules);
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).maxAge().compareTo(rules.get(i - 1).maxAge()) <= 0) {
                throw new IllegalArgumentException("retention rules must be ordered by growing age");
            }
        }
    }

    /**
     * Parses {@code 1d:all,7d:1h,90d:1d}.
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static RetentionRules parse(String text, boolean keepLabelled) {
        List<Rule> rules = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ageAndEvery = part.trim().split(":");
            if (ageAndEvery.length != 2) {
                throw new IllegalArgumentException("retention rule '" + part + "' is not AGE:EVERY");
            }
            Duration age = duration(ageAndEvery[0]);
            Duration every = ageAndEvery[1].trim().equals("all") ? Duration.ZERO : duration(ageAndEvery[1]);
            if (!ageAndEvery[1].trim().equals("all") && every.toMillis() <= 0) {
                throw new IllegalArgumentException("retention period must be positive in '" + part + "'");
            }
            rules.add(new Rule(age, every));
        }
        return new RetentionRules(rules, keepLabelled);
    }

    /** {@code 90d}, {@code 1h}, {@code 30m}, {@code 10s}, {@code 500ms}, {@code 2w}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90d, 1h, 30m, 10s, 500ms");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
