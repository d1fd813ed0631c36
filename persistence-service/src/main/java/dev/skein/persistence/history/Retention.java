package dev.skein.persistence.history;

import dev.skein.storage.history.VersionEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The versions {@link RetentionRules} keep at a moment: a pure function, so tests can say exactly what stays. */
public final class Retention {

    private final RetentionRules rules;

    /** Retention by these rules. */
    public Retention(RetentionRules rules) {
        this.rules = rules;
    }

    /** The versions to keep among {@code versions} at {@code nowMillis} (epoch ms). */
    public Set<Long> keep(List<VersionEntry> versions, long nowMillis) {
        List<VersionEntry> newestFirst = new ArrayList<>(versions);
        newestFirst.sort(Comparator.comparingLong(VersionEntry::version).reversed());
        Set<Long> kept = new TreeSet<>();
        Set<String> periods = new HashSet<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            VersionEntry v = newestFirst.get(i);
            if (i == 0 || (rules.keepLabelled() && !v.label().isEmpty())) {
                kept.add(v.version());
                // the newest and labelled ones still count as their period's newest
            }
            long age = Math.max(0, nowMillis - v.time());
            int rule = ruleFor(age);
            if (rule < 0) {
                continue;
            }
            RetentionRules.Rule r = rules.rules().get(rule);
            if (r.keepsAll() || periods.add(rule + ":" + Math.floorDiv(v.time(), r.every().toMillis()))) {
                kept.add(v.version());
            }
        }
        return kept;
    }

    private int ruleFor(long ageMillis) {
        List<RetentionRules.Rule> list = rules.rules();
        for (int i = 0; i < list.size(); i++) {
            if (ageMillis <= list.get(i).maxAge().toMillis()) {
                return i;
            }
        }
        return -1;
    }
}
