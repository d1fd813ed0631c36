package dev.skein.localrun;

import java.util.List;

/** The command-line options of the local run's measuring tools ({@link BrokerHop}, {@link JoinHop}). */
final class BenchArgs {

    private BenchArgs() {
    }

    /** The integer after {@code name}, or {@code fallback} when it is not given. */
    static int intOption(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
    }
}
